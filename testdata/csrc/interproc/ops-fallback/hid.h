/* include/linux/hid.h, cut down: a low-level transport's operations. */
struct hid_device_demo;
struct hid_report_demo;

struct hid_ll_driver_demo {
	int (*parse)(struct hid_device_demo *hdev);
	void (*request)(struct hid_device_demo *hdev, struct hid_report_demo *rep, int reqtype);
	int (*wait)(struct hid_device_demo *hdev);
};

struct hid_device_demo {
	struct hid_ll_driver_demo *ll_driver;
	void *driver_data;
};

void hid_hw_request_demo(struct hid_device_demo *hdev, struct hid_report_demo *report, int reqtype);
int hid_hw_wait_demo(struct hid_device_demo *hdev);
