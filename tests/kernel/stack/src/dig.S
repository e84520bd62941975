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

/*
 * void stack_leap(const void *limit, unsigned int frame): dig like
 * stack_dig down to limit, then open one frame of `frame` bytes and write
 * its lowest word first, as a function with a large local array may: with
 * limit a little above a stack's lowest address, the frame jumps over the
 * guard words without touching them and the write lands in the guard page.
 */
	.global	stack_leap
	.type	stack_leap, %function
stack_leap:
	push	{r4, lr}
	cmp	sp, r0
	bls	1f
	bl	stack_leap
	pop	{r4, pc}
1:	sub	sp, sp, r1
	str	r4, [sp]
	add	sp, sp, r1
	pop	{r4, pc}
	.size	stack_leap, . - stack_leap
