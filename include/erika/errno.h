/*
 * Error numbers, negated in return values (-EINVAL). They are the numbers Xen
 * uses too (xen/errno.h), so a hypercall's error passes through unchanged.
 */
#ifndef ERIKA_ERRNO_H
#define ERIKA_ERRNO_H

#define EPERM	  1
#define ENOENT	  2
#define EIO	  5
#define E2BIG	  7
#define EAGAIN	  11
#define ENOMEM	  12
#define EACCES	  13
#define EFAULT	  14
#define EBUSY	  16
#define EEXIST	  17
#define ENODEV	  19
#define EISDIR	  21
#define EINVAL	  22
#define ENOSPC	  28
#define EROFS	  30
#define ERANGE	  34
#define ENOSYS	  38
#define ENOTEMPTY 39
#define EPROTO	  71
#define EMSGSIZE  90
#define EISCONN	  106
#define ETIMEDOUT 110

#endif /* ERIKA_ERRNO_H */
