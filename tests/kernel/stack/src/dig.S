/*
 * void stack_dig(const void *limit): push 8 bytes at a time until the stack
 * pointer is down to limit, then return. With limit at a stack's lowest
 * address the last push writes exactly the two guard words there, as a real
 * overflow's first words would.
 */
	.syntax unified
	.arm
	.text
	.global	stack_dig
	.type	stack_dig, %function
stack_dig:
	push	{r4, lr}
	cmp	sp, r0
	blhi	stack_dig
	pop	{r4, pc}
	.size	stack_dig, . - stack_dig
