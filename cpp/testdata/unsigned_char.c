// flags: -funsigned-char
#if '\377' < 0
char_signed
#else
char_unsigned
#endif
#if 'a' - 'b' < 0
signed_difference
#else
unsigned_difference
#endif
#ifdef __CHAR_UNSIGNED__
char_unsigned_macro
#endif
