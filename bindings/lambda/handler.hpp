// One invocation, whatever its event: recognise the format, translate it, run the
// core, translate the answer back. A failure is what the Runtime API should record
// as an invocation error.
#pragma once

#include <string>

#include "bindings/lambda/host/effect_host.hpp"
#include "bindings/lambda/result.hpp"
#include "bindings/lambda/runtime/invocation.hpp"

namespace flagport::lambda {

Result<std::string> handle_invocation(EffectHost& host, const Invocation& invocation);

}  // namespace flagport::lambda
