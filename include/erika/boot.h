/*
 * What the boot path hands to the application.
 */
#ifndef ERIKA_BOOT_H
#define ERIKA_BOOT_H

/* The devicetree Xen built for the domain (r2 at entry), or NULL if it had none. */
extern const void *boot_fdt;

/*
 * The application's entry, called after every start-up level
 * (include/erika/init.h), with the MMU, caches and consoles on. Its return
 * shuts the domain down: 0 powers off, anything else crashes it.
 */
int main(void);

#endif /* ERIKA_BOOT_H */
