# The Wasm exception tag that C++ throws and catches: one i32 parameter, the
# address of the _Unwind_Exception.
#
# clang 19 defines it weakly in every object that throws or catches; LLVM 21+
# (so @yowasp/clang 22) only references it and expects the runtime to define
# it, which these toolchains' libraries do not. Weak, so a definition that
# some other runtime library provides wins without a duplicate-symbol error.
	.tagtype	__cpp_exception i32
	.weak	__cpp_exception
__cpp_exception:
