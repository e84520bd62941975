/* Built and linked, then refused: ISR Quick reaches ActivateTask. */

#include <erika/os.h>

/* Not inlined, so the call goes through a helper in the image. */
__attribute__((noinline)) static void wake(void)
{
	(void)ActivateTask(T);
}

ISR(Quick)
{
	wake();
}

TASK(T)
{
	(void)TerminateTask();
}

int main(void)
{
	StartOS(OSDEFAULTAPPMODE);
}
