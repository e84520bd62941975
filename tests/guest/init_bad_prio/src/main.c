/*
 * Must not build: "(10)" is a priority of 10 to the compiler but the section
 * .init_1_(10) to the linker, which no pattern of the script collects.
 */

#include <erika/init.h>

static int bracketed(void)
{
	return 0;
}
SYS_INIT(bracketed, PLATFORM, (10));

int main(void)
{
	return 0;
}
