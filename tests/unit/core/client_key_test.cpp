// Client keys come from the real random port (getrandom natively): a generator that
// repeated itself, or a secret with little entropy, fails here.
#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

#include "core/store/client_key.hpp"

using namespace flagport;

namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// The secret's bits, from its base64url text (43 characters: 256 bits and 2 of padding).
std::vector<bool> secret_bits(std::string_view secret) {
  std::vector<bool> bits;
  for (char c : secret) {
    auto value = kAlphabet.find(c);
    REQUIRE(value != std::string_view::npos);
    for (int bit = 5; bit >= 0; --bit) bits.push_back((value >> bit) & 1);
  }
  bits.resize(256);
  return bits;
}

}  // namespace

TEST_CASE("client keys and their ids never repeat, and their secrets are random") {
  constexpr std::size_t kKeys = 2000;
  const std::string prefix = "fpk_shop_";
  std::set<std::string> texts, ids, secrets;
  std::vector<std::size_t> ones(256, 0);
  std::size_t total_ones = 0;
  for (std::size_t i = 0; i < kKeys; ++i) {
    auto key = store::generate_client_key("shop");
    REQUIRE(key);
    REQUIRE(key->text.rfind(prefix, 0) == 0);
    std::string secret = key->text.substr(prefix.size());
    REQUIRE(secret.size() == 43);
    texts.insert(key->text);
    ids.insert(key->id);
    secrets.insert(secret);
    // 43 characters drawn from 64: a random secret shows about 31 different ones.
    CHECK(std::set<char>(secret.begin(), secret.end()).size() >= 16);
    auto bits = secret_bits(secret);
    for (std::size_t b = 0; b < bits.size(); ++b) {
      ones[b] += bits[b];
      total_ones += bits[b];
    }
  }
  CHECK(texts.size() == kKeys);
  CHECK(ids.size() == kKeys);
  CHECK(secrets.size() == kKeys);
  // Every one of the 256 bits takes both values across the keys (a stuck bit would not).
  for (std::size_t b = 0; b < ones.size(); ++b) {
    CAPTURE(b);
    CHECK(ones[b] > kKeys / 4);
    CHECK(ones[b] < kKeys * 3 / 4);
  }
  // Half the bits are set: 512,000 fair coins land within 1% of half all but never.
  const double share = static_cast<double>(total_ones) / (kKeys * 256.0);
  CHECK(share > 0.49);
  CHECK(share < 0.51);
}
