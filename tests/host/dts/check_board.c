/*
 * Checks the macros of a real board's devicetree against the Xen guest memory map
 * (xen/include/public/arch-arm.h, DESIGN.md section 4) and the board's own devices.
 * Built once per board with BOARD_CUBIEBOARD2_XEN or BOARD_QEMU_VIRT_XEN defined.
 */
#include <erika/devicetree.h>

#include "check.h"

#if DT_HAS_COMPAT_STATUS_OKAY(xen_xen) != 1 || DT_HAS_COMPAT_STATUS_OKAY(arm_cortex_a15_gic) != 1
#error "every Xen guest has the hypervisor node and the vGIC"
#endif

#if defined(BOARD_CUBIEBOARD2_XEN)
#if !DT_HAS_COMPAT_STATUS_OKAY(allwinner_sun7i_a20_pinctrl) || DT_HAS_COMPAT_STATUS_OKAY(arm_pl061)
#error "the Cubieboard2 has the A20 PIO and no PL061"
#endif
#elif defined(BOARD_QEMU_VIRT_XEN)
#if DT_HAS_COMPAT_STATUS_OKAY(allwinner_sun7i_a20_pinctrl) || !DT_HAS_COMPAT_STATUS_OKAY(arm_pl061)
#error "QEMU virt has the PL061 and no A20 PIO"
#endif
#else
#error "define BOARD_CUBIEBOARD2_XEN or BOARD_QEMU_VIRT_XEN"
#endif

/*
 * What Xen >= 4.5 gives every ARM32 domain, whatever the board. The addresses are those of
 * dts/xen-guest-arm32.dtsi, the tree's one copy of Xen's guest memory map: that it matches
 * Xen's own header is checked by tests/host/gen_domcfg (TestXenGuestMap), so they are not
 * repeated here; this checks what the generator makes of them.
 */
static void check_xen_guest(void)
{
	CHECK_EQ(DT_NUM_REGS(DT_NODELABEL(gic)), 2);
	CHECK_EQ(DT_REG_ADDR_BY_IDX(DT_NODELABEL(gic), 0) +
			 DT_REG_SIZE_BY_IDX(DT_NODELABEL(gic), 0),
		 DT_REG_ADDR_BY_IDX(DT_NODELABEL(gic), 1));
	CHECK_EQ(DT_PROP(DT_NODELABEL(gic), _interrupt_cells), 3);
	CHECK_EQ(DT_NUM_IRQS(DT_NODELABEL(arch_timer)), 4);
	/* PPIs 13/14/11/10 are INTIDs 29/30/27/26 (GUEST_TIMER_*_PPI); the event upcall 31. */
	CHECK_EQ(DT_IRQ_INTID_BY_IDX(DT_NODELABEL(arch_timer), 2), 27);
	CHECK_EQ(DT_IRQ_INTID_BY_IDX(DT_NODELABEL(arch_timer), 0), 29);
	CHECK_EQ(DT_IRQ_INTID_BY_IDX(DT_NODELABEL(arch_timer), 1), 30);
	CHECK_EQ(DT_IRQ_INTID_BY_IDX(DT_NODELABEL(arch_timer), 3), 26);
	CHECK_EQ(DT_IRQ_INTID(DT_INST(0, xen_xen)), 31);
	CHECK_NODE(DT_INST(0, xen_xen), "DT_N_S_hypervisor_38000000");
	CHECK_EQ(DT_NUM_REGS(DT_INST(0, xen_xen)), 1);
	CHECK_NODE(DT_MEMORY, "DT_N_S_memory_40000000");
	CHECK_EQ(DT_REG_SIZE(DT_MEMORY), 16 << 20);
	CHECK_EQ(DT_CPU_COUNT, 1);
	CHECK_EQ(DT_NODE_EXISTS(DT_NODELABEL(cpu0)), 1);
}

#if defined(BOARD_CUBIEBOARD2_XEN)
static void check_board(void)
{
	CHECK_STR(DT_MODEL, "Cubieboard2 Xen domU");
	CHECK_STR(DT_PROP(DT_NODELABEL(cpu0), compatible), "arm,cortex-a7");
	CHECK_EQ(DT_REG_ADDR(DT_NODELABEL(pio)), 0x01c20800);
	CHECK_EQ(DT_REG_SIZE(DT_NODELABEL(pio)), 0x400);
	CHECK_EQ(DT_PROP(DT_NODELABEL(pio), _gpio_cells), 3);
	CHECK_EQ(DT_PASSTHROUGH(DT_NODELABEL(pio)), 1);
	CHECK_NODE(DT_INST(0, allwinner_sun7i_a20_pinctrl), "DT_N_S_pinctrl_1c20800");
	CHECK_EQ(DT_HAS_COMPAT_STATUS_OKAY(arm_sbsa_uart), 0);
	CHECK_EQ(DT_NODE_EXISTS(DT_CHOSEN(erika_console)), 0);
}
#else
static void check_board(void)
{
	CHECK_STR(DT_MODEL, "QEMU virt Xen domU");
	CHECK_STR(DT_PROP(DT_NODELABEL(cpu0), compatible), "arm,cortex-a15");
	CHECK_EQ(DT_REG_ADDR(DT_NODELABEL(gpio0)), 0x09030000);
	CHECK_EQ(DT_REG_SIZE(DT_NODELABEL(gpio0)), 0x1000);
	CHECK_EQ(DT_PROP(DT_NODELABEL(gpio0), _gpio_cells), 2);
	CHECK_EQ(DT_PASSTHROUGH(DT_INST(0, arm_pl061)), 1);
	CHECK_NODE(DT_CHOSEN(erika_console), "DT_N_S_serial_22000000");
	CHECK_EQ(DT_REG_ADDR(DT_CHOSEN(erika_console)), 0x22000000);
	CHECK_EQ(DT_IRQ_INTID(DT_CHOSEN(erika_console)), 32);
	CHECK_EQ(DT_PASSTHROUGH(DT_NODELABEL(vpl011)), 0);
}
#endif

/* The region table arch maps (DT_FOREACH_MMIO_REGION), type by type. */
#define REGION_STR(node, idx, addr, size, type) DT_PATH_STR(node) "[" #idx "]=" #type ";"
#define XEN_GUEST_REGIONS                                                                          \
	"/memory@40000000[0]=NORMAL;"                                                              \
	"/interrupt-controller@3001000[0]=DEVICE;"                                                 \
	"/interrupt-controller@3001000[1]=DEVICE;"                                                 \
	"/hypervisor@38000000[0]=NORMAL_NOEXEC;"
#if defined(BOARD_CUBIEBOARD2_XEN)
#define BOARD_REGIONS "/pinctrl@1c20800[0]=DEVICE;"
#else
#define BOARD_REGIONS "/serial@22000000[0]=DEVICE;/gpio@9030000[0]=DEVICE;"
#endif

static void check_regions(void)
{
	CHECK_STR(DT_FOREACH_MMIO_REGION(REGION_STR), XEN_GUEST_REGIONS BOARD_REGIONS);
}

int main(void)
{
	check_regions();
	check_xen_guest();
	check_board();
	return check_report("check_board");
}
