// A map by name whose values together stay within a byte budget: putting a value evicts
// the least recently used others until the sum of their stated sizes fits again. What
// a value costs is the caller's estimate; the map only adds it up.
// The index is hashed, not ordered: with many names held, an ordered map's lookup walks a
// dozen nodes and compares their names, each a cache line the request would not otherwise
// touch (bench/scale/projects.mjs).
#pragma once

#include <cstddef>
#include <functional>
#include <list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace flagport::evaluation {

template <class Value>
class LruMap {
 public:
  explicit LruMap(std::size_t budget_bytes) : budget_(budget_bytes) {}

  // The value, made the most recently used; null when absent. Valid until it is evicted
  // or erased, so callers that suspend look it up again.
  Value* use(std::string_view name) {
    auto found = index_.find(name);
    if (found == index_.end()) return nullptr;
    order_.splice(order_.begin(), order_, found->second);
    return &found->second->value;
  }

  // The value without changing the order (null when absent).
  Value* peek(std::string_view name) {
    auto found = index_.find(name);
    return found == index_.end() ? nullptr : &found->second->value;
  }

  // Inserts or replaces, as the most recently used, then evicts others from the least
  // recently used end while over the budget. The value just put stays even when it alone
  // exceeds the budget: a project bigger than the budget is still served, held alone.
  Value& put(std::string name, Value value, std::size_t bytes) {
    erase(name);
    order_.push_front(Node{name, std::move(value), bytes});
    index_.emplace(std::move(name), order_.begin());
    bytes_ += bytes;
    while (bytes_ > budget_ && order_.size() > 1) erase(order_.back().name);
    return order_.front().value;
  }

  void erase(std::string_view name) {
    auto found = index_.find(name);
    if (found == index_.end()) return;
    bytes_ -= found->second->bytes;
    order_.erase(found->second);
    index_.erase(found);
  }

  std::size_t bytes() const { return bytes_; }
  std::size_t size() const { return order_.size(); }

 private:
  struct Node {
    std::string name;
    Value value;
    std::size_t bytes;
  };
  std::list<Node> order_;  // most recently used first
  struct NameHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view name) const { return std::hash<std::string_view>{}(name); }
  };
  std::unordered_map<std::string, typename std::list<Node>::iterator, NameHash, std::equal_to<>> index_;
  std::size_t budget_;
  std::size_t bytes_ = 0;
};

}  // namespace flagport::evaluation
