/* ends with a function-like macro name: the '(' after the #include is not an argument list */
f
