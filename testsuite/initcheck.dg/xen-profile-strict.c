/* The default (strict) profile: every shape xen-profile.c accepts under
   profile=xen is rejected here (plugin/rules.c, docs/xen.md); the near
   misses are rejected in both. */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-initcheck-profile=strict" } */
#include <initcheck.h>

extern enum system_state { SYS_STATE_early_boot, SYS_STATE_boot,
        SYS_STATE_smp_boot, SYS_STATE_active, SYS_STATE_suspend } system_state;
struct cpuinfo_x86 { int family; };
extern struct cpuinfo_x86 boot_cpu_data;
struct domain { unsigned short domain_id; };  /* domid_t */
extern struct domain *hardware_domain;
static inline _Bool is_hardware_domain(const struct domain *d) { return d == hardware_domain; }

static int __init probe_errata(void) { return 1; }
static int __initdata boot_opt = 1;

/* Boot-only guards. */
int runtime_guarded(struct cpuinfo_x86 *c, struct domain *d)
{
        int r = 0;

        if (system_state < SYS_STATE_active)
                r += probe_errata();                    /* { dg-error "initcheck:init-from" "system_state < active" } */
        if (system_state == SYS_STATE_boot)
                r += probe_errata();                    /* { dg-error "initcheck:init-from" "system_state == boot" } */
        if (system_state == SYS_STATE_early_boot)
                r += probe_errata();                    /* { dg-error "initcheck:init-from" "system_state == early_boot (0)" } */
        if (c == &boot_cpu_data && c->family == 0x17)
                r += probe_errata();                    /* { dg-error "initcheck:init-from" "c == &boot_cpu_data" } */
        if (is_hardware_domain(d))
                r += probe_errata();                    /* { dg-error "initcheck:init-from" "is_hardware_domain" } */
        if (!is_hardware_domain(d) || boot_opt)     /* { dg-error "initcheck:init-from" "|| after a negated guard" } */
                r++;
        if (system_state >= SYS_STATE_active)
                r++;
        else
                r += probe_errata();                    /* { dg-error "initcheck:init-from" "else of system_state >= active" } */
        r += system_state < SYS_STATE_smp_boot ? probe_errata() : 0;    /* { dg-error "initcheck:init-from" "?: under a guard" } */
        return r;
}

/* Near misses: not boot-only, still rejected. */
int runtime_unguarded(struct cpuinfo_x86 *c, struct domain *d)
{
        int r = 0;

        if (system_state >= SYS_STATE_active)
                r += probe_errata();    /* { dg-error "22: 'runtime_unguarded' \\(section .text\\) calls __init function 'probe_errata'" } */
        if (c != &boot_cpu_data)
                r += probe_errata();    /* { dg-error "22: 'runtime_unguarded' \\(section .text\\) calls __init function 'probe_errata'" } */
        if (is_hardware_domain(d) || c->family)
                r += probe_errata();    /* { dg-error "22: 'runtime_unguarded' \\(section .text\\) calls __init function 'probe_errata'" } */
        if (system_state < SYS_STATE_active)
                r++;
        r += probe_errata();            /* { dg-error "14: 'runtime_unguarded' \\(section .text\\) calls __init function 'probe_errata'" } */
        return r;
}

/* The rest of a block after an early return under a negated guard, and
   the domains with fixed ids. */
int runtime_early(void)
{
        if (system_state >= SYS_STATE_active)
                return 0;
        return probe_errata();                  /* { dg-error "initcheck:init-from" "after return under system_state >= active" } */
}
int runtime_early_block(void)
{
        if (system_state != SYS_STATE_early_boot) {
                int pages = 1;

                return pages;
        }
        return probe_errata();                  /* { dg-error "initcheck:init-from" "after a block that returns" } */
}
int runtime_idle(struct domain *d)
{
        if (d->domain_id == 0x7FFF)
                return probe_errata();          /* { dg-error "initcheck:init-from" "d->domain_id == constant" } */
        if (d->domain_id != 0)
                return probe_errata();          /* { dg-error "24: 'runtime_idle' \\(section .text\\) calls __init function 'probe_errata'" } */
        return 0;
}
int mcheck_init_one(struct cpuinfo_x86 *c, _Bool bsp)
{
        if (bsp)
                return probe_errata();          /* { dg-error "initcheck:init-from" "a bsp parameter" } */
        if (c->family)
                return probe_errata();          /* { dg-error "24: 'mcheck_init_one' \\(section .text\\) calls __init function 'probe_errata'" } */
        return 0;
}
int runtime_early_miss(void)
{
        if (system_state < SYS_STATE_active)
                return 0;
        return probe_errata();                  /* { dg-error "16: 'runtime_early_miss' \\(section .text\\) calls __init function 'probe_errata'" } */
}

/* alternative_call(): an indirect call through an __initdata ops table,
   recorded in .alt_call_sites and patched into a direct call at boot. */
struct pmu_ops { int (*do_msr)(int); };
static struct pmu_ops __initdata pmu_ops;
int pmu_msr(int msr)
{
        int ret;

        asm volatile ("# call *%1\n\t.pushsection .alt_call_sites, \"a\", @progbits\n\t.popsection"
                      : "=r" (ret) : "m" (pmu_ops.do_msr), "0" (msr) : "memory");  /* { dg-error "initcheck:init-from" "alternative_call site" } */
        return ret;
}
int pmu_msr_plain(int msr)
{
        int ret;

        asm volatile ("# call *%1\n\t.pushsection .alt_call_sites_other, \"a\"\n\t.popsection"
                      : "=r" (ret) : "m" (pmu_ops.do_msr), "0" (msr) : "memory");  /* { dg-error "43: 'pmu_msr_plain' \\(section .text\\) references __initdata variable 'pmu_ops'" } */
        return ret;
}

/* Members only boot code calls. */
struct param_hypfs { const char *name; void (*init_leaf)(struct param_hypfs *); };
static void __init max_frames_init(struct param_hypfs *p) { (void)p; }
static __attribute__((section(".data.paramhypfs"))) struct param_hypfs par_frames =
        { "max_frames", max_frames_init };              /* { dg-error "initcheck:init-from" "init_leaf in .data.paramhypfs" } */
static struct param_hypfs par_elsewhere =
        { "elsewhere", max_frames_init };               /* { dg-error "\\\[initcheck:init-from-data\\\]" "not in .data.paramhypfs" } */

struct serial_port;
struct uart_driver {
        void (*init_preirq)(struct serial_port *);
        void (*init_postirq)(struct serial_port *);
        void (*endboot)(struct serial_port *);
        int (*irq)(struct serial_port *);
        void (*putc)(struct serial_port *, char);
};
static void __init uart_preirq(struct serial_port *p) { (void)p; }
static void __init uart_endboot(struct serial_port *p) { (void)p; }
static int __init uart_irq(struct serial_port *p) { (void)p; return 4; }
static void __init uart_putc(struct serial_port *p, char c) { (void)p; (void)c; }
static struct uart_driver uart_driver_ops = {
        .init_preirq = uart_preirq,                     /* { dg-error "initcheck:init-from" "uart_driver.init_*" } */
        .init_postirq = uart_preirq,                    /* { dg-error "initcheck:init-from" "uart_driver.init_*" } */
        .endboot = uart_endboot,                        /* { dg-error "initcheck:init-from" "uart_driver.endboot" } */
        .irq = uart_irq,                                /* { dg-error "initcheck:init-from" "uart_driver.irq" } */
        .putc = uart_putc,                              /* { dg-error "17: 'uart_driver_ops' \\(section .data\\) references __init function 'uart_putc'" } */
};

struct cpufreq_governor { const char *name; _Bool (*handle_option)(const char *, const char *); };
static _Bool __init dbs_option(const char *n, const char *v) { return n && v; }
struct cpufreq_governor gov_dbs = { "ondemand", dbs_option };      /* { dg-error "initcheck:init-from" "cpufreq_governor.handle_option" } */
struct sched_ops { const char *name; int (*global_init)(void); int (*init)(void); };
static int __init credit_global_init(void) { return 0; }
static const struct sched_ops credit_def = {
        .name = "credit",
        .global_init = credit_global_init,              /* { dg-error "initcheck:init-from" "sched_ops.global_init" } */
        .init = credit_global_init,                     /* { dg-error "17: 'credit_def' \\(section \[.a-z\]+\\) references __init function 'credit_global_init'" } */
};
const struct sched_ops *schedulers[] = { &credit_def };
struct param_hypfs *params[] = { &par_frames, &par_elsewhere };
struct uart_driver *drivers[] = { &uart_driver_ops };

/* A prototype without the marker: Xen's style, no section-redecl. */
int late_setup(void);                                  /* { dg-message "5: earlier declaration of .late_setup." } */
int __init late_setup(void) { return 0; }              /* { dg-warning "section-redecl" "strict wants the marker on the prototype" } */
