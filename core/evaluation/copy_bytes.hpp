// What a compiled copy of a published record costs in memory, estimated from the parts it
// holds that its memory grows with. The compiled-flag cache adds the estimates up against
// its byte budget (CACHE_BUDGET_BYTES).
#pragma once

#include <cstddef>

#include "core/evaluation/published_flags.hpp"

namespace flagport::evaluation {

struct CopyShape {
  std::size_t flags = 0;
  std::size_t json_values = 0;  // in the flags' variants and (merged) metadata, containers included
  std::size_t variant_text_bytes = 0;   // of their string values too long to be inline
  std::size_t metadata_text_bytes = 0;
  std::size_t rule_nodes = 0;
  std::size_t strings = 0;      // key digests and allowed origins
  std::size_t string_bytes = 0;
};

CopyShape shape_of(const PublishedFlags& flags);
std::size_t copy_bytes(const CopyShape& shape);

}  // namespace flagport::evaluation
