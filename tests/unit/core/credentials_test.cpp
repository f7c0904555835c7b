#include <doctest/doctest.h>

#include <memory>
#include <optional>
#include <string>

#include "core/evaluation/credentials.hpp"
#include "core/store/client_key.hpp"
#include "core/task/run.hpp"
#include "tests/unit/support/sha256.hpp"

using namespace flagport;
using evaluation::KeyDigests;

namespace {

using testing::sha256_hex;

// Asks the cache for a key's digest, hashing with OpenSSL as a host would; counts the
// hashes the host was asked for.
struct Lookup {
  KeyDigests digests;
  int hashed = 0;

  std::optional<std::string> of(const std::string& key) {
    Run<std::optional<std::string>> run(digests.of(key));
    run.start();
    while (!run.done()) {
      std::vector<EffectResult> results;
      for (const Effect& effect : run.pending()) {
        REQUIRE(effect.kind == EffectKind::Sha256);
        ++hashed;
        results.push_back(EffectResult::success(testing::sha256(effect.body)));
      }
      run.resume(std::move(results));
    }
    return run.take_result();
  }
};

std::string key_number(std::size_t i) { return "fpk_shop_" + std::string(34, 'k') + std::to_string(100000000 + i); }

}  // namespace

TEST_CASE("a key's digest is asked of the host once, then remembered") {
  Lookup cache;
  const std::string key = key_number(1);
  CHECK(cache.of(key) == sha256_hex(key));
  CHECK(cache.of(key) == sha256_hex(key));
  CHECK(cache.hashed == 1);
}

TEST_CASE("keys that share all but their last byte each get their own digest") {
  Lookup cache;
  const std::string a = key_number(1), b = key_number(2);
  REQUIRE(a.substr(0, a.size() - 1) == b.substr(0, b.size() - 1));
  CHECK(cache.of(a) == sha256_hex(a));
  CHECK(cache.of(b) == sha256_hex(b));
  CHECK(cache.of(a) == sha256_hex(a));
  CHECK(cache.of(b) == sha256_hex(b));
  CHECK(cache.hashed == 2);
}

TEST_CASE("the cache is bounded, and a key never gets another key's digest") {
  // More keys than slots: at least two share a slot, so at least one is forgotten, and
  // the slot's other key is told apart by its text, not its hash.
  Lookup cache;
  const std::size_t keys = KeyDigests::kSlots + KeyDigests::kSlots / 2;
  for (std::size_t i = 0; i < keys; ++i) REQUIRE(cache.of(key_number(i)) == sha256_hex(key_number(i)));
  CHECK(cache.hashed == static_cast<int>(keys));
  for (std::size_t i = 0; i < keys; ++i) REQUIRE(cache.of(key_number(i)) == sha256_hex(key_number(i)));
  const int forgotten = cache.hashed - static_cast<int>(keys);
  CHECK(forgotten >= static_cast<int>(keys - KeyDigests::kSlots));
  // Some are still remembered: the table is not cleared as a whole.
  CHECK(forgotten < static_cast<int>(keys));
}

TEST_CASE("two instances place keys differently (each draws its own hash key)") {
  // With the same hash key, two caches fed the same keys would forget the same ones.
  Lookup one, two;
  const std::size_t keys = KeyDigests::kSlots * 2;
  for (Lookup* cache : {&one, &two})
    for (std::size_t i = 0; i < keys; ++i) cache->of(key_number(i));
  std::string forgotten_by_one, forgotten_by_two;
  for (std::size_t i = 0; i < keys; ++i) {
    int before = one.hashed;
    one.of(key_number(i));
    forgotten_by_one.push_back(one.hashed != before ? '1' : '0');
    before = two.hashed;
    two.of(key_number(i));
    forgotten_by_two.push_back(two.hashed != before ? '1' : '0');
  }
  CHECK(forgotten_by_one != forgotten_by_two);
}

TEST_CASE("a thousand keys in turn are remembered, though their sets are drawn at random") {
  // Direct-mapped, 4,096 slots forgot about 22% of them: one request in five hashed again.
  Lookup cache;
  for (int round = 0; round < 2; ++round)
    for (std::size_t i = 0; i < 1000; ++i) REQUIRE(cache.of(key_number(i)) == sha256_hex(key_number(i)));
  CHECK(cache.hashed >= 1000);
  CHECK(cache.hashed - 1000 <= 20);  // expected about one: 0.14% of keys share a set with four others
}

TEST_CASE("a key in use stays, however many others come and go") {
  Lookup cache;
  const std::string used = key_number(0);
  for (std::size_t i = 1; i <= 4 * KeyDigests::kSlots; ++i) {
    REQUIRE(cache.of(used) == sha256_hex(used));
    cache.of(key_number(i));
  }
  CHECK(cache.hashed == static_cast<int>(1 + 4 * KeyDigests::kSlots));
}
