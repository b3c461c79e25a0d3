package cparse

import (
	"strings"
	"testing"
)

func TestDocContext(t *testing.T) {
	for _, tc := range []struct {
		name, src, want string
	}{
		{"kernel-doc above the definition", `
/**
 * usb_hcd_giveback_urb - return URB from HCD to device driver
 * @hcd: host controller returning the URB
 *
 * Context: atomic. The completion callback is invoked in caller's context.
 * For HCDs with HCD_BH flag set, the completion callback is invoked in BH
 * context.
 *
 * This hands the URB from HCD to its USB device driver.
 */
void usb_hcd_giveback_urb(struct usb_hcd *hcd)
{`, "atomic. The completion callback is invoked in caller's context. For HCDs with HCD_BH flag set, the completion callback is invoked in BH context."},
		{"name with parentheses, type on its own line, section after", `
/**
 * xa_erase() - Erase this entry from the XArray.
 * @xa: XArray.
 * Context: Any context.  Takes and releases the xa_lock.
 * Return: The entry which used to be at this index.
 */
static void *
xa_erase(struct xarray *xa)
{`, "Any context.  Takes and releases the xa_lock."},
		{"parameters after the section", `
/**
 * usb_bus_start_enum - start immediate enumeration (for OTG)
 * Context: atomic
 * @bus: the bus
 */
int usb_bus_start_enum(struct usb_bus *bus)
{`, "atomic"},
		{"a comment naming another function", `
/**
 * other() - something else
 * Context: Any context.
 */
int usb_bus_start_enum(struct usb_bus *bus)
{`, ""},
		{"a plain comment", `
/*
 * usb_bus_start_enum - not kernel-doc
 * Context: Any context.
 */
int usb_bus_start_enum(struct usb_bus *bus)
{`, ""},
		{"another declaration between", `
/**
 * usb_bus_start_enum - start
 * Context: Any context.
 */
int x;
int usb_bus_start_enum(struct usb_bus *bus)
{`, ""},
		{"no Context: section", `
/**
 * usb_bus_start_enum - start
 * Return: 0.
 */
int usb_bus_start_enum(struct usb_bus *bus)
{`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lines := strings.Split(tc.src, "\n")
			f := &Func{}
			for i, l := range lines {
				for _, name := range []string{"usb_hcd_giveback_urb", "xa_erase", "usb_bus_start_enum"} {
					if strings.HasPrefix(l, name+"(") || strings.Contains(l, " "+name+"(") {
						f.Name, f.Pos = name, Pos{Line: i + 1, Col: 1}
					}
				}
			}
			if got := docContext(f, lines); got != tc.want {
				t.Errorf("docContext = %q, want %q", got, tc.want)
			}
		})
	}
}
