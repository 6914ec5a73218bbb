#include "midnight/verifier_key.h"

#include <algorithm>

namespace nightjar::midnight {

namespace {

void read_points(Reader& r, size_t n, std::vector<CompressedG1>& out) {
  out.resize(n);
  for (size_t i = 0; i < n && r.ok(); ++i) {
    std::span<const uint8_t> b = r.bytes(48);
    if (!r.ok()) return;
    std::copy(b.begin(), b.end(), out[i].begin());
  }
}

void read_arch(Reader& r, ZkStdLibArch& out) {
  {
    Reader::Scope field = r.scope("zkstd_version");
    size_t at = r.offset();
    uint32_t version = r.u32_le();
    if (r.ok() && version != VerifierKey::kZkStdVersion) {
      r.fail_at(at, "unsupported ZkStd version " + std::to_string(version));
    }
  }
  Reader::Scope field = r.scope("arch");
  for (bool* flag :
       {&out.jubjub, &out.poseidon, &out.sha2_256, &out.sha2_512, &out.keccak_256, &out.sha3_256,
        &out.blake2b, &out.secp256k1, &out.bls12_381, &out.base64, &out.automaton}) {
    *flag = r.boolean();
  }
  out.nr_pow2range_cols = r.u8();
}

void write_arch(Writer& w, const ZkStdLibArch& v) {
  w.u32_le(VerifierKey::kZkStdVersion);
  for (bool flag : {v.jubjub, v.poseidon, v.sha2_256, v.sha2_512, v.keccak_256, v.sha3_256,
                    v.blake2b, v.secp256k1, v.bls12_381, v.base64, v.automaton}) {
    w.boolean(flag);
  }
  w.u8(v.nr_pow2range_cols);
}

}  // namespace

void Codec<VerifierKey>::read(Reader& r, VerifierKey& out) {
  size_t at = r.offset();
  std::span<const uint8_t> body = r.byte_vec();
  if (!r.ok()) return;
  if (body.size() > VerifierKey::kMaxBodyBytes) {
    r.fail_at(at, "Declared vk size " + std::to_string(body.size()) +
                      " exceeded permitted limit of " + std::to_string(VerifierKey::kMaxBodyBytes));
    return;
  }
  Reader b(body, r.limits(), r.absolute(r.offset() - body.size()), r.path());
  read_arch(b, out.arch);
  {
    Reader::Scope field = b.scope("max_bit_len");
    out.max_bit_len = b.u8();
  }
  {
    Reader::Scope field = b.scope("num_public_inputs");
    out.num_public_inputs = b.u32_le();
  }
  {
    Reader::Scope field = b.scope("vk_version");
    size_t v_at = b.offset();
    uint8_t version = b.u8();
    if (b.ok() && version != VerifierKey::kVkVersion) {
      b.fail_at(v_at, "unexpected verifying-key version " + std::to_string(version));
    }
  }
  {
    Reader::Scope field = b.scope("k");
    size_t k_at = b.offset();
    out.k = b.u8();
    if (b.ok() && out.k > 32) b.fail_at(k_at, "k = " + std::to_string(out.k) + " exceeds 32");
  }
  {
    Reader::Scope field = b.scope("fixed_commitments");
    size_t n_at = b.offset();
    uint32_t n = b.u32_le();
    if (b.ok() && n > b.remaining() / 48) {
      b.fail_at(n_at, std::to_string(n) + " fixed commitments do not fit the key");
    }
    if (b.ok()) read_points(b, n, out.fixed_commitments);
  }
  {
    Reader::Scope field = b.scope("permutation_commitments");
    if (b.ok() && b.remaining() % 48 != 0) {
      b.fail("trailing " + std::to_string(b.remaining()) +
             " bytes are not a whole number of 48-byte commitments");
    }
    if (b.ok()) read_points(b, b.remaining() / 48, out.permutation_commitments);
  }
  r.adopt(b.status());
}

void Codec<VerifierKey>::write(Writer& w, const VerifierKey& v) {
  Writer body;
  write_arch(body, v.arch);
  body.u8(v.max_bit_len);
  body.u32_le(v.num_public_inputs);
  body.u8(VerifierKey::kVkVersion);
  body.u8(v.k);
  body.u32_le(static_cast<uint32_t>(v.fixed_commitments.size()));
  for (const CompressedG1& c : v.fixed_commitments) body.bytes(c);
  for (const CompressedG1& c : v.permutation_commitments) body.bytes(c);
  w.byte_vec(body.buffer());
}

}  // namespace nightjar::midnight
