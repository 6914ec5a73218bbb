#include "midnight/prover_key.h"

#include <string>

#include "midnight/gzip.h"
#include "midnight/tagged.h"
#include "midnight/writer.h"
#include "midnight/zkir_binary.h"

namespace nightjar::midnight {

namespace {

constexpr uint8_t kTaggedRelationMarker = 0xff;

}  // namespace

Result<ProverKey> parse_prover_key_body(std::vector<uint8_t> body, ProverKeyFlavour flavour,
                                        const DecodeLimits& limits) {
  ProverKey key;
  key.flavour = flavour;
  key.body = std::move(body);
  Reader r(key.body, limits, 0, "prover-key body");
  key.max_bit_len = r.u8();
  key.k = r.u8();
  {
    Reader::Scope field = r.nest("relation");
    if (r.peek_u8() == kTaggedRelationMarker && r.ok()) {
      r.u8();
      std::span<const uint8_t> tagged = r.byte_vec();
      if (r.ok()) {
        Reader inner(tagged, limits, r.absolute(r.offset() - tagged.size()), r.path());
        inner.expect_header(kTagIrGeneric);
        if (inner.ok()) read_ir_body(inner, zkir::IrFlavour::kGeneric, key.relation);
        r.adopt(inner.finish(kTagIrGeneric));
      }
    } else {
      read_ir_body(r, zkir::IrFlavour::kLegacy, key.relation);
    }
  }
  if (!r.ok()) return r.status();

  ProvingKeyLayout& l = key.layout;
  key.proving_key = {r.offset(), r.remaining()};
  Reader::Scope pk = r.scope("proving_key");
  {
    size_t at = r.offset();
    uint8_t version = r.u8();
    if (r.ok() && version != ProvingKeyLayout::kVersion) {
      r.fail_at(at, "unexpected verifying-key version " + std::to_string(version));
    }
  }
  {
    size_t at = r.offset();
    l.k = r.u8();
    if (r.ok() && l.k > 32) r.fail_at(at, "k = " + std::to_string(l.k) + " exceeds 32");
  }
  {
    size_t at = r.offset();
    l.num_fixed = r.u32_le();
    if (r.ok() && l.num_fixed > r.remaining() / ProvingKeyLayout::kPointBytes) {
      r.fail_at(at, std::to_string(l.num_fixed) + " fixed commitments do not fit the key");
    }
  }
  if (!r.ok()) return r.status();
  l.fixed_commitments = {r.offset(), size_t{l.num_fixed} * ProvingKeyLayout::kPointBytes};
  r.bytes(l.fixed_commitments.size);

  // rest = 96 P + 4 + F (4 + 32 n) + 4 + P (4 + 32 n), solved for P.
  l.poly_len = uint64_t{1} << l.k;
  const uint64_t per_poly = 4 + ProvingKeyLayout::kScalarBytes * l.poly_len;
  const uint64_t rest = r.remaining();
  const uint64_t per_permutation = ProvingKeyLayout::kPointBytes + per_poly;
  if (rest < 8 || l.num_fixed > (rest - 8) / per_poly ||
      (rest - 8 - l.num_fixed * per_poly) % per_permutation != 0) {
    r.fail("the remaining " + std::to_string(rest) + " bytes do not match " +
           std::to_string(l.num_fixed) + " fixed columns of 2^" + std::to_string(l.k) +
           " values and a whole number of permutation columns");
    return r.status();
  }
  const uint64_t num_permutation = (rest - 8 - l.num_fixed * per_poly) / per_permutation;
  if (num_permutation > UINT32_MAX) {
    r.fail("too many permutation columns");
    return r.status();
  }
  l.num_permutation = static_cast<uint32_t>(num_permutation);
  l.permutation_commitments = {r.offset(),
                               size_t{l.num_permutation} * ProvingKeyLayout::kPointBytes};
  r.bytes(l.permutation_commitments.size);

  auto read_polys = [&](std::string_view name, uint32_t expected, ByteRange& range) {
    Reader::Scope field = r.scope(name);
    range.offset = r.offset();
    size_t at = r.offset();
    uint32_t count = r.u32_be();
    if (r.ok() && count != expected) {
      r.fail_at(at, "expected " + std::to_string(expected) + " polynomials, found " +
                        std::to_string(count));
    }
    for (uint32_t i = 0; i < count && r.ok(); ++i) {
      field.at(i);
      size_t len_at = r.offset();
      uint32_t len = r.u32_be();
      if (r.ok() && len != l.poly_len) {
        r.fail_at(len_at, "polynomial of " + std::to_string(len) + " values, expected 2^" +
                              std::to_string(l.k));
      }
      r.bytes(size_t{len} * ProvingKeyLayout::kScalarBytes);
    }
    range.size = r.offset() - range.offset;
  };
  read_polys("fixed_polys", l.num_fixed, l.fixed_polys);
  read_polys("permutation_polys", l.num_permutation, l.permutation_polys);
  if (r.ok() && r.remaining() != 0) r.fail("trailing bytes after the permutation polynomials");
  if (!r.ok()) return r.status();
  return key;
}

Result<ProverKey> decode_prover_key(std::span<const uint8_t> tagged, const DecodeLimits& limits) {
  ProverKeyFlavour flavour;
  std::string_view tag;
  if (has_header(tagged, kTagProverKeyLegacy)) {
    flavour = ProverKeyFlavour::kLegacy;
    tag = kTagProverKeyLegacy;
  } else if (has_header(tagged, kTagProverKeyGeneric)) {
    flavour = ProverKeyFlavour::kGeneric;
    tag = kTagProverKeyGeneric;
  } else {
    return expected_one_of(tagged, kTagProverKeyGeneric, kTagProverKeyLegacy);
  }
  Reader r(tagged, limits);
  r.expect_header(tag);
  std::span<const uint8_t> compressed;
  {
    Reader::Scope root = r.scope(tag);
    compressed = r.byte_vec();
  }
  Status status = r.finish(tag);
  if (!status.is_ok()) return status;
  Result<std::vector<uint8_t>> body = gunzip(compressed, limits.max_inflated);
  if (!body.is_ok()) {
    return invalid_argument("prover key: " + body.status().message());
  }
  return parse_prover_key_body(std::move(body).value(), flavour, limits);
}

std::vector<uint8_t> encode_prover_key_body(const ProverKey& key) {
  Writer w;
  w.u8(key.max_bit_len);
  w.u8(key.k);
  if (key.relation.flavour == zkir::IrFlavour::kGeneric) {
    w.u8(kTaggedRelationMarker);
    w.byte_vec(encode_ir(key.relation));
  } else {
    write_ir_body(w, key.relation);
  }
  w.bytes(key.view(key.proving_key));
  return w.take();
}

std::vector<uint8_t> encode_prover_key(const ProverKey& key) {
  Writer w;
  w.header(key.flavour == ProverKeyFlavour::kGeneric ? kTagProverKeyGeneric : kTagProverKeyLegacy);
  w.byte_vec(gzip(encode_prover_key_body(key)));
  return w.take();
}

}  // namespace nightjar::midnight
