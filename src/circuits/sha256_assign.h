// Synthesis with midnight-circuits 6.1.0's Sha256Chip (`hash/sha256/sha256_chip.rs`, `types.rs`,
// `utils.rs`): SHA-256 of assigned bytes with the table16 plain/spread technique, laid out region
// by region as the official chip lays it out.
//
// Representation. 32-bit words are cells; a word that later feeds a rotation is kept with its
// spread form and the spread forms of the limbs the rotation needs (A: 10-9-11-2, E: 7-12-2-5-6,
// message words: 12-1-1-1-7-3-4-3, big-endian). Every operation is one region of three rows:
// 11-11-10 limbs of the even and odd bits of a spread sum through the two parallel lookups, and
// the operands copied in beside them; sums modulo 2^32 carry a 3-bit carry through the lookup.
// Column names follow the configuration (sha256_chip.h): A0..A7, F0 and F1. The spread table is
// loaded only when a hash was computed (load_table).
//
// Thread safety: single-threaded, like the Layouter.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "circuits/native_gadget.h"
#include "circuits/sha256_chip.h"

namespace nightjar::circuits {

class Sha256Chip {
 public:
  Sha256Chip(NativeGadget& gadget, const Sha256Config& config) : gadget_(gadget), config_(config) {}

  // HashInstructions::hash: the 32 digest bytes.
  std::array<AssignedByte, 32> hash(std::span<const AssignedByte> input);

  bool used() const { return used_; }
  void load_table();

  struct PlainSpreaded {
    AssignedNative plain, spreaded;
  };
  struct LimbsOfA {
    PlainSpreaded combined;
    AssignedNative l10, l09, l11, l02;  // spread limbs
  };
  struct LimbsOfE {
    PlainSpreaded combined;
    AssignedNative l07, l12, l02, l05, l06;  // spread limbs
  };
  struct MessageWord {
    AssignedNative plain;
    AssignedNative w12, w1a, w1b, w1c, w07, w3a, w04, w3b;  // spread limbs
  };
  struct State {
    LimbsOfA a;
    PlainSpreaded b, c;
    AssignedNative d;
    LimbsOfE e;
    PlainSpreaded f, g;
    AssignedNative h;
  };

 private:
  AssignedNative fixed_word(uint32_t c);
  AssignedNative fixed_spread(uint32_t c);
  PlainSpreaded fixed_plain_spreaded(uint32_t c);
  LimbsOfA fixed_limbs_of_a(uint32_t c);
  LimbsOfE fixed_limbs_of_e(uint32_t c);
  State fixed_state(const std::array<uint32_t, 8>& iv);

  std::array<AssignedNative, 8> digest_words(std::span<const AssignedByte> input);
  std::vector<AssignedByte> pad(std::span<const AssignedByte> bytes);
  std::array<MessageWord, 64> message_schedule(std::span<const AssignedByte, 64> block);
  State compression_round(const State& s, uint32_t round_k, const AssignedNative& round_w);
  State add_states(const State& x, const State& y);

  AssignedNative maj(const AssignedNative& a, const AssignedNative& b, const AssignedNative& c);
  AssignedNative ch(const AssignedNative& e, const AssignedNative& f, const AssignedNative& g);
  AssignedNative big_sigma_0(const LimbsOfA& a);
  AssignedNative big_sigma_1(const LimbsOfE& e);
  AssignedNative small_sigma(const MessageWord& w, bool one);

  LimbsOfA prepare_a(std::span<const AssignedNative> summands);
  LimbsOfE prepare_e(std::span<const AssignedNative> summands);
  MessageWord prepare_message_word(std::span<const AssignedNative> summands);

  // Region helpers.
  AssignedNative assign_sprdd_11_11_10(Region& region, uint64_t value, bool odd, size_t offset);
  PlainSpreaded assign_plain_and_spreaded(Region& region, size_t bits, uint32_t plain,
                                          size_t offset, size_t lookup);
  AssignedNative assign_add_mod_2_32(Region& region, std::span<const AssignedNative> summands,
                                     const AssignedNative& zero);
  void copy_advice(Region& region, const AssignedNative& x, size_t column, size_t offset);

  NativeGadget& gadget_;
  const Sha256Config& config_;
  bool used_ = false;
};

}  // namespace nightjar::circuits
