/*
 * Checks every kind of macro that gen_defines writes for macros.dts, through the
 * accessors of include/erika/devicetree.h, as guest C code would use them.
 */
#include <erika/devicetree.h>

#include "check.h"

/* Node identifiers and indexes travel through macros of the user's own. */
#define BIG    DT_NODELABEL(big)
#define LED1   DT_NODELABEL(led1)
#define SECOND 1

/* The 0/1 tests must work in #if, where a compile-time choice is made. */
#if !DT_HAS_COMPAT_STATUS_OKAY(erika_test_gpio)
#error "erika,test-gpio has okay nodes"
#endif
#if DT_HAS_COMPAT_STATUS_OKAY(erika_only_disabled)
#error "erika,only-disabled is only on a disabled node"
#endif
#if DT_HAS_COMPAT_STATUS_OKAY(erika_nowhere)
#error "erika,nowhere is in no node"
#endif
#if !DT_NODE_EXISTS(DT_NODELABEL(uart0)) || DT_NODE_EXISTS(DT_NODELABEL(off))
#error "DT_NODE_EXISTS is wrong in #if"
#endif
#if DT_NUM_INST_STATUS_OKAY(erika_test_gpio) != 2 || DT_NUM_INST_STATUS_OKAY(erika_nowhere) != 0
#error "DT_NUM_INST_STATUS_OKAY is wrong in #if"
#endif

CHECK_UNSIGNED(DT_REG_ADDR(BIG));
CHECK_UNSIGNED(DT_IRQ_INTID(BIG));
CHECK_UNSIGNED(DT_PROP(BIG, erika_u32));

static void check_nodes(void)
{
	CHECK_NODE(DT_ROOT, "DT_N");
	CHECK_NODE(DT_NODELABEL(big), "DT_N_S_soc_S_device_100000000");
	CHECK_NODE(DT_NODELABEL(cpu_off), "DT_N_S_cpus_S_cpu_2");
	CHECK_NODE(DT_CHOSEN(erika_console), "DT_N_S_serial_9000000");
	CHECK_NODE(DT_CHOSEN(erika_by_phandle), "DT_N_S_soc_S_gpio_2000");
	CHECK_NODE(DT_CHOSEN(stdout_path), "DT_N_S_serial_9000000");
	CHECK_NODE(DT_INST(0, erika_test_gpio), "DT_N_S_soc_S_gpio_2000");
	CHECK_NODE(DT_INST(SECOND, erika_test_gpio), "DT_N_S_soc_S_gpio_4000");
	CHECK_NODE(DT_INST(0, erika_test_dev), "DT_N_S_soc_S_device_100000000");
	CHECK_NODE(DT_INST(0, erika_test_board), "DT_N");
	CHECK_NODE(DT_MEMORY, "DT_N_S_memory_40000000");
	CHECK_STR(DT_PATH_STR(DT_NODELABEL(led1)), "/soc/leds/led-1");
	CHECK_STR(DT_PATH_STR(DT_ROOT), "/");
	CHECK_STR(DT_PATH_STR(DT_INST(1, arm_cortex_a15)), "/cpus/cpu@1");
}

static void check_exists(void)
{
	CHECK_EQ(DT_NODE_EXISTS(DT_ROOT), 1);
	CHECK_EQ(DT_NODE_EXISTS(BIG), 1);
	CHECK_EQ(DT_NODE_EXISTS(DT_NODELABEL(cpu_off)), 0);
	CHECK_EQ(DT_NODE_EXISTS(DT_NODELABEL(off)), 0);
	CHECK_EQ(DT_NODE_EXISTS(DT_NODELABEL(no_such_label)), 0);
	CHECK_EQ(DT_NODE_EXISTS(DT_CHOSEN(no_such_choice)), 0);
	CHECK_EQ(DT_NODE_EXISTS(DT_INST(2, erika_test_gpio)), 0);
	CHECK_EQ(DT_HAS_COMPAT_STATUS_OKAY(erika_test_uart), 1);
	CHECK_EQ(DT_HAS_COMPAT_STATUS_OKAY(erika_only_disabled), 0);
	CHECK_EQ(DT_HAS_COMPAT_STATUS_OKAY(erika_nowhere), 0);
	CHECK_EQ(DT_NUM_INST_STATUS_OKAY(arm_cortex_a15), 2);
	CHECK_EQ(DT_NUM_INST_STATUS_OKAY(erika_only_disabled), 0);
	CHECK_EQ(DT_PASSTHROUGH(BIG), 1);
	CHECK_EQ(DT_PASSTHROUGH(DT_NODELABEL(gpio_a)), 0);
	CHECK_EQ(DT_CPU_COUNT, 2);
}

static void check_regs(void)
{
	CHECK_EQ(DT_NUM_REGS(BIG), 2);
	CHECK_EQ(DT_REG_ADDR(BIG), 0x100000000ULL);
	CHECK_EQ(DT_REG_SIZE(BIG), 0x1000);
	CHECK_EQ(DT_REG_ADDR_BY_IDX(BIG, SECOND), 0x2000);
	CHECK_EQ(DT_REG_SIZE_BY_IDX(BIG, SECOND), 0x100000000ULL);
	CHECK_EQ(DT_NUM_REGS(DT_NODELABEL(gic)), 2);
	CHECK_EQ(DT_REG_ADDR_BY_IDX(DT_NODELABEL(gic), 1), 0x03002000);
	CHECK_EQ(DT_REG_SIZE_BY_IDX(DT_NODELABEL(gic), 1), 0x2000);
	CHECK_EQ(DT_REG_ADDR(DT_MEMORY), 0x40000000);
	CHECK_EQ(DT_REG_SIZE(DT_MEMORY), 0x02000000);
	CHECK_EQ(DT_NUM_REGS(DT_ROOT), 0);
	CHECK_EQ(DT_REG_ADDR(DT_INST(1, arm_cortex_a15)), 1);
}

static void check_irqs(void)
{
	CHECK_EQ(DT_NUM_IRQS(BIG), 2);
	CHECK_EQ(DT_IRQ_INTID(BIG), 32 + 5);
	CHECK_EQ(DT_IRQ_FLAGS(BIG), 4);
	CHECK_EQ(DT_IRQ_INTID_BY_IDX(BIG, SECOND), 16 + 2);
	CHECK_EQ(DT_IRQ_FLAGS_BY_IDX(BIG, SECOND), 0xf08);
	CHECK_EQ(DT_IRQ_INTID(DT_CHOSEN(erika_console)), 33);
	CHECK_EQ(DT_IRQ_INTID(DT_NODELABEL(gpio_b)), 1019);
	CHECK_EQ(DT_NUM_IRQS(DT_NODELABEL(gpio_a)), 0);
}

static void check_props(void)
{
	CHECK_EQ(DT_PROP(BIG, erika_u32), 0xdeadbeefU);
	CHECK_STR(DT_PROP(BIG, label_string), "hello");
	CHECK_EQ(DT_PROP(BIG, some_flag), 1);
	CHECK_EQ(DT_PROP(BIG, erika_passthrough), 1);
	CHECK_STR(DT_PROP(BIG, compatible), "erika,test-dev");
	CHECK_EQ(DT_PROP(DT_NODELABEL(gpio_b), _gpio_cells), 3);
	CHECK_EQ(DT_PROP(DT_NODELABEL(gpio_a), gpio_controller), 1);
	CHECK_STR(DT_PROP(DT_ROOT, model), "gen_defines \"test\" board\\1");
	CHECK_STR(DT_MODEL, "gen_defines \"test\" board\\1");
	CHECK_STR(DT_PROP(DT_MEMORY, device_type), "memory");
	CHECK_STR(DT_PROP(DT_NODELABEL(uart0), status), "okay");
}

static void check_gpios(void)
{
	CHECK_EQ(DT_PROP_LEN(DT_NODELABEL(led0), gpios), 1);
	CHECK_NODE(DT_GPIO_CTLR_BY_IDX(DT_NODELABEL(led0), gpios, 0), "DT_N_S_soc_S_gpio_2000");
	CHECK_EQ(DT_GPIO_CELL_BY_IDX(DT_NODELABEL(led0), gpios, 0, 0), 7);
	CHECK_EQ(DT_GPIO_CELL_BY_IDX(DT_NODELABEL(led0), gpios, 0, 1), 1);
	CHECK_EQ(DT_PROP_LEN(LED1, led_gpios), 2);
	CHECK_NODE(DT_GPIO_CTLR_BY_IDX(LED1, led_gpios, 0), "DT_N_S_soc_S_gpio_4000");
	CHECK_EQ(DT_GPIO_CELL_BY_IDX(LED1, led_gpios, 0, 0), 1);
	CHECK_EQ(DT_GPIO_CELL_BY_IDX(LED1, led_gpios, 0, 1), 2);
	CHECK_EQ(DT_GPIO_CELL_BY_IDX(LED1, led_gpios, 0, 2), 3);
	CHECK_NODE(DT_GPIO_CTLR_BY_IDX(LED1, led_gpios, SECOND), "DT_N_S_soc_S_gpio_2000");
	CHECK_EQ(DT_GPIO_CELL_BY_IDX(LED1, led_gpios, SECOND, 0), 4);
	CHECK_EQ(DT_GPIO_CELL_BY_IDX(LED1, led_gpios, SECOND, 1), 0);
	/* The controller identifier works with every other accessor. */
	CHECK_EQ(DT_REG_ADDR(DT_GPIO_CTLR_BY_IDX(LED1, led_gpios, 0)), 0x4000);
}

/* DT_FOREACH_STATUS_OKAY(), DT_INST_FOREACH_STATUS_OKAY() and DT_DRV_INST(). */
#define DT_DRV_COMPAT	  erika_test_gpio
#define PATH_LIST(node)	  DT_PATH_STR(node) ","
#define INST_BIT(inst)	  +(1 << (inst))
#define INST_ADDR(inst)	  DT_REG_ADDR(DT_DRV_INST(inst)),
#define UNUSED_NODE(node) #node

static void check_foreach(void)
{
	static const unsigned long addrs[] = { DT_INST_FOREACH_STATUS_OKAY(INST_ADDR) };

	CHECK_STR("" DT_FOREACH_STATUS_OKAY(erika_test_gpio, PATH_LIST),
		  "/soc/gpio@2000,/soc/gpio@4000,");
	CHECK_STR("" DT_FOREACH_STATUS_OKAY(arm_cortex_a15, PATH_LIST), "/cpus/cpu@0,/cpus/cpu@1,");
	CHECK_STR("" DT_FOREACH_STATUS_OKAY(erika_only_disabled, UNUSED_NODE), "");
	CHECK_STR("" DT_FOREACH_STATUS_OKAY(erika_nowhere, UNUSED_NODE), "");
	CHECK_EQ(0 DT_INST_FOREACH_STATUS_OKAY(INST_BIT), 3);
	CHECK_EQ(sizeof(addrs) / sizeof(addrs[0]), 2);
	CHECK_EQ(addrs[0], 0x2000);
	CHECK_EQ(addrs[1], 0x4000);
	CHECK_NODE(DT_DRV_INST(1), "DT_N_S_soc_S_gpio_4000");
}

/* The MMIO region table: every reg region of the okay memory-mapped nodes, in tree order. */
struct region {
	const char *path;
	int index;
	unsigned long long addr, size;
	const char *type;
};

#define REGION(node, idx, addr, size, type) { DT_PATH_STR(node), idx, addr, size, #type },

static void check_regions(void)
{
	static const struct region r[] = { DT_FOREACH_MMIO_REGION(REGION) };

	/* Not cpu@0/1 (#size-cells = <0>) nor the disabled device@5000. */
	CHECK_EQ(sizeof(r) / sizeof(r[0]), 8);
	CHECK_STR(r[0].path, "/memory@40000000");
	CHECK_STR(r[0].type, "NORMAL");
	CHECK_EQ(r[0].addr, 0x40000000);
	CHECK_EQ(r[0].size, 0x02000000);
	CHECK_STR(r[2].path, "/interrupt-controller@3001000");
	CHECK_EQ(r[2].index, 1);
	CHECK_EQ(r[2].addr, 0x03002000);
	CHECK_STR(r[2].type, "DEVICE");
	CHECK_STR(r[3].path, "/serial@9000000");
	/* erika,test-dev's binding says memory-type: normal-noexec. */
	CHECK_STR(r[5].path, "/soc/device@100000000");
	CHECK_EQ(r[5].index, 1);
	CHECK_EQ(r[5].addr, 0x2000);
	CHECK_EQ(r[5].size, 0x100000000ULL);
	CHECK_STR(r[5].type, "NORMAL_NOEXEC");
	CHECK_STR(r[7].path, "/soc/gpio@4000");
	CHECK_STR(r[7].type, "DEVICE");
}

/* A DT_DRV_COMPAT without okay nodes iterates over nothing. */
#define INST_OF(inst) #inst ":" DT_PATH_STR(DT_DRV_INST(inst)) ";"
#undef DT_DRV_COMPAT
#define DT_DRV_COMPAT erika_nowhere
static void check_foreach_none(void)
{
	CHECK_STR("" DT_INST_FOREACH_STATUS_OKAY(INST_OF), "");
}

int main(void)
{
	check_nodes();
	check_exists();
	check_regs();
	check_irqs();
	check_props();
	check_gpios();
	check_foreach();
	check_foreach_none();
	check_regions();
	return check_report("check_macros");
}
