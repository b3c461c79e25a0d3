/* device.h: struct device, dev_* logging and devm_* allocation; stub for standalone checking, not the kernel's definitions. */
#ifndef _DEVICE_H_
#define _DEVICE_H_

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/gfp.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/kref.h>
#include <linux/module.h>

struct device_driver {
	const char *name;
	struct module *owner;
};

struct device {
	struct device *parent;
	const char *init_name;
	struct device_driver *driver;
	void *platform_data;
	void *driver_data;
	struct mutex mutex;
};

void *dev_get_drvdata(const struct device *dev);
void dev_set_drvdata(struct device *dev, void *data);
const char *dev_name(const struct device *dev);
struct device *get_device(struct device *dev);
void put_device(struct device *dev);
void device_lock(struct device *dev);
void device_unlock(struct device *dev);
int device_trylock(struct device *dev);

void *devm_kmalloc(struct device *dev, size_t size, gfp_t gfp) __malloc;
void *devm_kzalloc(struct device *dev, size_t size, gfp_t gfp) __malloc;
void *devm_kcalloc(struct device *dev, size_t n, size_t size, gfp_t flags) __malloc;
void *devm_kmalloc_array(struct device *dev, size_t n, size_t size, gfp_t flags) __malloc;
void devm_kfree(struct device *dev, const void *p);
char *devm_kstrdup(struct device *dev, const char *s, gfp_t gfp) __malloc;
char *devm_kasprintf(struct device *dev, gfp_t gfp, const char *fmt, ...) __malloc __printf(3, 4);

void _dev_printk(const char *level, const struct device *dev, const char *fmt, ...) __printf(3, 4);
void _dev_emerg(const struct device *dev, const char *fmt, ...) __printf(2, 3);
void _dev_alert(const struct device *dev, const char *fmt, ...) __printf(2, 3);
void _dev_crit(const struct device *dev, const char *fmt, ...) __printf(2, 3);
void _dev_err(const struct device *dev, const char *fmt, ...) __printf(2, 3);
void _dev_warn(const struct device *dev, const char *fmt, ...) __printf(2, 3);
void _dev_notice(const struct device *dev, const char *fmt, ...) __printf(2, 3);
void _dev_info(const struct device *dev, const char *fmt, ...) __printf(2, 3);
int dev_err_probe(const struct device *dev, int err, const char *fmt, ...) __printf(3, 4);

#ifndef dev_fmt
#define dev_fmt(fmt) fmt
#endif

#define dev_printk(level, dev, fmt, ...) _dev_printk(level, dev, fmt, ##__VA_ARGS__)
#define dev_emerg(dev, fmt, ...)	_dev_emerg(dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_alert(dev, fmt, ...)	_dev_alert(dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_crit(dev, fmt, ...)		_dev_crit(dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_err(dev, fmt, ...)		_dev_err(dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_warn(dev, fmt, ...)		_dev_warn(dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_notice(dev, fmt, ...)	_dev_notice(dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_info(dev, fmt, ...)		_dev_info(dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_dbg(dev, fmt, ...)		_dev_printk(KERN_DEBUG, dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_vdbg(dev, fmt, ...)		_dev_printk(KERN_DEBUG, dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_err_once(dev, fmt, ...)	_dev_err(dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_warn_once(dev, fmt, ...)	_dev_warn(dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_info_once(dev, fmt, ...)	_dev_info(dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_err_ratelimited(dev, fmt, ...)	_dev_err(dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_warn_ratelimited(dev, fmt, ...)	_dev_warn(dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_info_ratelimited(dev, fmt, ...)	_dev_info(dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_dbg_ratelimited(dev, fmt, ...)	_dev_printk(KERN_DEBUG, dev, dev_fmt(fmt), ##__VA_ARGS__)

#endif /* _DEVICE_H_ */
