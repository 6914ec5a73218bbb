// `nightjar selftest`: known-answer tests run on every backend this CPU supports. A deployment
// runs it on the target machine: a wrong answer from a fast path shows here, not in a proof.
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "base/cpu.h"
#include "base/hex.h"
#include "cli/commands.h"
#include "ec/encoding.h"
#include "ec/pairing.h"
#include "ff/backend.h"
#include "ff/fr.h"
#include "ff/hex_literal.h"

namespace nightjar::cli {
namespace {

// e(g1, g2) as the 12 Fp coefficients of Fp12, big-endian, c0.c0.c0 first: the value published in
// the zkcrypto/bls12_381 pairing tests and produced by @noble/curves.
constexpr const char* kPairingOfGenerators =
    "1250ebd871fc0a92a7b2d83168d0d727272d441befa15c503dd8e90ce98db3e7b6d194f60839c508a84305aaca1789"
    "b6"
    "089a1c5b46e5110b86750ec6a532348868a84045483c92b7af5af689452eafabf1a8943e50439f1d59882a98eaa017"
    "0f"
    "1368bb445c7c2d209703f239689ce34c0378a68e72a6b3b216da0e22a5031b54ddff57309396b38c881c4c849ec23e"
    "87"
    "193502b86edb8857c273fa075a50512937e0794e1e65a7617c90d8bd66065b1fffe51d7a579973b1315021ec3c1993"
    "4f"
    "01b2f522473d171391125ba84dc4007cfbf2f8da752f7c74185203fcca589ac719c34dffbbaad8431dad1c1fb597aa"
    "a5"
    "018107154f25a764bd3c79937a45b84546da634b8f6be14a8061e55cceba478b23f7dacaa35c8ca78beae9624045b4"
    "b6"
    "19f26337d205fb469cd6bd15c3d5a04dc88784fbb3d0b2dbdea54d43b2b73f2cbb12d58386a8703e0f948226e47ee8"
    "9d"
    "06fba23eb7c5af0d9f80940ca771b6ffd5857baaf222eb95a7d2809d61bfe02e1bfd1b68ff02f0b8102ae1c2d5d5ab"
    "1a"
    "11b8b424cd48bf38fcef68083b0b0ec5c81a93b330ee1a677d0d15ff7b984e8978ef48881e32fac91b93b47333e2ba"
    "57"
    "03350f55a7aefcd3c31b4fcb6ce5771cc6a0e9786ab5973320c806ad360829107ba810c5a09ffdd9be2291a0c25a99"
    "a2"
    "04c581234d086a9902249b64728ffd21a189e87935a954051c7cdba7b3872629a4fafc05066245cb9108f0242d0fe3"
    "ef"
    "0f41e58663bf08cf068672cbd01a7ec73baca4d72ca93544deff686bfd6df543d48eaa24afe47e1efde449383b6766"
    "31";

struct Check {
  const char* name;
  std::function<bool()> run;
};

std::vector<Check> known_answer_checks() {
  using ff::Fp;
  using ff::Fr;
  return {
      {"fp mul (2^380 mod p)^2",
       [] {
         // Python: hex(pow(2, 760, p))
         Fp x = ff::fp_from_hex("1" + std::string(95, '0'));
         return x * x == ff::fp_from_hex(
                             "04bdc9c7fbe7c6536419716145ccb2a3e1755b1a8d5586e22518ab2058a061f1"
                             "528d5ee669e6e904e560b11f341c24c2");
       }},
      {"fr root of unity has order 2^32",
       [] {
         Fr w = Fr::root_of_unity();
         for (int i = 0; i < 31; ++i) w = w.square();
         return w == -Fr::one();
       }},
      {"fr inverse", [] { return Fr::from_u64(7).inverse() * Fr::from_u64(7) == Fr::one(); }},
      {"g1 generator encoding",
       [] {
         return to_hex(ec::to_compressed(ec::G1Affine::generator())) ==
                "97f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1a"
                "effb3af00adb22c6bb";
       }},
      {"g1 [r]G = O",
       [] { return ec::G1::generator().mul_limbs_vartime(ff::FrParams::kModulus).is_identity(); }},
      {"g2 [r]G = O",
       [] { return ec::G2::generator().mul_limbs_vartime(ff::FrParams::kModulus).is_identity(); }},
      {"pairing e(g1, g2) known answer",
       [] {
         return to_hex(
                    ec::pairing(ec::G1Affine::generator(), ec::G2Affine::generator()).to_bytes()) ==
                kPairingOfGenerators;
       }},
      {"pairing bilinear e(2P, Q) = e(P, 2Q)",
       [] {
         Fr two = Fr::from_u64(2);
         auto lhs = ec::pairing((ec::G1::generator() * two).to_affine(), ec::G2Affine::generator());
         auto rhs = ec::pairing(ec::G1Affine::generator(), (ec::G2::generator() * two).to_affine());
         return lhs == rhs;
       }},
  };
}

}  // namespace

int run_selftest() {
  std::printf("cpu: %s\n", describe_cpu().c_str());
  const ff::Backend active = ff::active_backend();
  int failures = 0;
  for (ff::Backend backend : ff::supported_backends()) {
    if (!ff::set_backend(backend).is_ok()) continue;
    int passed = 0;
    for (const Check& check : known_answer_checks()) {
      if (check.run()) {
        ++passed;
      } else {
        ++failures;
        std::printf("backend %s: FAILED %s\n", std::string(ff::backend_name(backend)).c_str(),
                    check.name);
      }
    }
    std::printf("backend %s: %d/%zu known-answer checks passed\n",
                std::string(ff::backend_name(backend)).c_str(), passed,
                known_answer_checks().size());
  }
  (void)ff::set_backend(active);
  std::printf("backend in use: %s\n", std::string(ff::backend_name(active)).c_str());
  std::printf("selftest: %s\n", failures == 0 ? "ok" : "FAILED");
  return failures == 0 ? 0 : 1;
}

}  // namespace nightjar::cli
