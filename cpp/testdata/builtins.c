__FILE__ __BASE_FILE__ __INCLUDE_LEVEL__
__DATE__ __TIME__
__STDC__ __STDC_VERSION__ __STDC_HOSTED__
__GNUC__ __x86_64__ __CHAR_BIT__ __SIZEOF_LONG__
#if defined(__LINE__) && defined(__FILE__) && defined(__COUNTER__) && defined(_Pragma) && defined(__INCLUDE_LEVEL__)
builtins_defined
#endif
#if __GNUC__ >= 4 && __STDC_VERSION__ >= 201112L
version
#endif
#define F __FILE__
F
