#if 1 + 2 * 3 == 7 && (1 + 2) * 3 == 9
prec
#endif
#if -1 < 0 && -1 > 0u
unsigned_conversion
#endif
#if 0xffffffffffffffff == -1 && 18446744073709551615u == -1
big
#endif
#if (-1 >> 63u) < 0 && (1 << 63) < 0 && (1u << 63) > 0
shifts
#endif
#if (1 << 64) == 0 && (-1 >> 64) == -1 && (1 << -1) == 0 && (4 >> -1) == 8
odd_shifts
#endif
#if 7 / 2 == 3 && -7 / 2 == -3 && -7 % 2 == -1 && 7u % 3 == 1
division
#endif
#if (0 ? 1u : -1) > 0 && (1 ? -1 : 0u) > 0 && (1 ? 2 : (1/0)) == 2
ternary
#endif
#if 0 && (1 / 0)
wrong
#elif 1 || (1 / 0)
short_circuit
#endif
#if (1, 2) == 2
comma
#endif
#if 'a' == 97 && '\n' == 10 && '\x41' == 65 && '\101' == 65 && '\0' == 0 && 'ab' == 24930
chars
#endif
#if '\377' < 0
char_signed
#else
char_unsigned
#endif
#if 010 == 8 && 0x10 == 16 && 0b101 == 5 && 10UL == 10 && 10ll == 10 && 0xFULL == 15
bases
#endif
#if ~0 == -1 && ~0u == 18446744073709551615 && !0 == 1 && !5 == 0 && -(-3) == 3 && +4 == 4
unary
#endif
#if undefined_identifier == 0 && !undefined_identifier
unknown_is_zero
#endif
#if (2 || 0) == 1 && (0 && 2) == 0 && (5 & 3) == 1 && (5 | 3) == 7 && (5 ^ 3) == 6
logic
#endif
#if 1 <= 1 && 1 >= 1 && !(1 < 1) && 2 != 3
compare
#endif
#if -9223372036854775807 - 1 < 0 && 9223372036854775807 + 1 < 0
overflow_wraps
#endif
#if 0x7fffffffffffffff + 1u > 0
mixed
#endif
#define NEG -
#if NEG 1 == -1
macro_op
#endif
#if defined ONE_UNDEFINED || defined(ALSO_UNDEFINED)
wrong
#else
else_branch
#endif
#ifdef __FILE__
builtin_defined
#endif
#if 1
# if 0
wrong
# elif 0
wrong
# else
nested_else
#  if 1
deep
#  endif
# endif
#endif
#if 0
#if garbage ( ( (
#error not reached
#endif
'unterminated char in a skipped group
#bogus directive
#else
after_skipped
#endif
#define X 5
#if X == 5 && X * 2 == 10
macro_value
#endif
#undef X
#if X == 0
undefined_after_undef
#endif
