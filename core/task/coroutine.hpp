// One spelling of the coroutine primitives for every toolchain we build with.
// Debian's emscripten 3.1.6 ships a libc++ that only has <experimental/coroutine>.
#pragma once

#if __has_include(<coroutine>)
#include <coroutine>
namespace flagport::co {
using std::coroutine_handle;
using std::noop_coroutine;
using std::suspend_always;
using std::suspend_never;
}  // namespace flagport::co
#else
#include <experimental/coroutine>
namespace flagport::co {
using std::experimental::coroutine_handle;
using std::experimental::noop_coroutine;
using std::experimental::suspend_always;
using std::experimental::suspend_never;
}  // namespace flagport::co
#endif
