// `nightjar decode <file> [--witness]`: prints any supported Midnight tagged object as JSON.
// Preimage contents (inputs, transcripts, binding input, commitment and its randomness) are
// witness data: without --witness only their counts and presence are printed.
#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "base/hex.h"
#include "base/mapped_file.h"
#include "base/sha256.h"
#include "cli/commands.h"
#include "midnight/tagged_object.h"
#include "midnight/zkir_binary.h"

namespace nightjar::cli {

namespace {

using Json = nlohmann::ordered_json;
namespace mn = midnight;

// Big-endian hex, as the official tools print field elements.
std::string fr_hex(const ff::Fr& v) {
  std::array<uint8_t, 32> le = v.to_bytes_le();
  std::reverse(le.begin(), le.end());
  return "0x" + to_hex(le);
}

Json fr_list(const std::vector<ff::Fr>& values) {
  Json out = Json::array();
  for (const ff::Fr& v : values) out.push_back(fr_hex(v));
  return out;
}

Json blob(std::span<const uint8_t> bytes) {
  Json out;
  out["bytes"] = bytes.size();
  out["sha256"] = to_hex(sha256(bytes));
  std::string_view tag = mn::peek_tag(bytes);
  if (!tag.empty()) out["tag"] = std::string(tag);
  return out;
}

Json preimage_json(const mn::ProofPreimage& p, bool show_witness) {
  Json out;
  if (show_witness) {
    out["inputs"] = fr_list(p.inputs);
    out["private_transcript"] = fr_list(p.private_transcript);
    out["public_transcript_inputs"] = fr_list(p.public_transcript_inputs);
    out["public_transcript_outputs"] = fr_list(p.public_transcript_outputs);
    out["binding_input"] = fr_hex(p.binding_input);
    if (p.communications_commitment) {
      out["communications_commitment"] = {fr_hex(p.communications_commitment->commitment),
                                          fr_hex(p.communications_commitment->randomness)};
    } else {
      out["communications_commitment"] = nullptr;
    }
  } else {
    out["inputs"] = p.inputs.size();
    out["private_transcript"] = p.private_transcript.size();
    out["public_transcript_inputs"] = p.public_transcript_inputs.size();
    out["public_transcript_outputs"] = p.public_transcript_outputs.size();
    out["communications_commitment"] = p.communications_commitment.has_value();
    out["witness"] = "hidden (use --show-witness)";
  }
  out["key_location"] = p.key_location;
  return out;
}

Json ir_json(const zkir::Ir& ir) {
  Json out;
  out["tag"] = ir.flavour == zkir::IrFlavour::kGeneric ? mn::kTagIrGeneric : mn::kTagIrLegacy;
  out["version"] = {{"major", 2}, {"minor", static_cast<int>(ir.version)}};
  out["num_inputs"] = ir.num_inputs;
  out["do_communications_commitment"] = ir.do_communications_commitment;
  out["instructions"] = ir.instructions.size();
  std::map<std::string, size_t> ops;
  for (const zkir::Instruction& i : ir.instructions) ++ops[std::string(zkir::op_name(i))];
  out["ops"] = ops;
  return out;
}

Json key_material_json(const mn::ProvingKeyMaterial& m) {
  return {{"prover_key", blob(m.prover_key)},
          {"verifier_key", blob(m.verifier_key)},
          {"ir_source", blob(m.ir_source)}};
}

struct Describe {
  bool show_witness;
  Json& out;

  void operator()(const mn::ProofPreimage& v) { out["preimage"] = preimage_json(v, show_witness); }
  void operator()(const mn::ProofPreimageVersioned& v) {
    out["version"] = "V2";
    out["preimage"] = preimage_json(v.preimage, show_witness);
  }
  void operator()(const mn::Proof& v) { out["proof"] = blob(v.bytes); }
  void operator()(const mn::ProofVersioned& v) {
    out["version"] = "V2";
    out["proof"] = blob(v.proof.bytes);
  }
  void operator()(const mn::ProvingKeyMaterial& v) { out["key_material"] = key_material_json(v); }
  void operator()(const mn::WrappedIr& v) { out["ir"] = blob(v.ir); }
  void operator()(const mn::CheckRequest& v) {
    out["preimage"] = preimage_json(v.preimage.preimage, show_witness);
    out["ir"] = v.ir ? blob(v.ir->ir) : Json(nullptr);
  }
  void operator()(const mn::ProveRequest& v) {
    out["preimage"] = preimage_json(v.preimage.preimage, show_witness);
    out["key_material"] = v.key_material ? key_material_json(*v.key_material) : Json(nullptr);
    if (!v.binding_input) {
      out["binding_override"] = nullptr;
    } else if (show_witness) {
      out["binding_override"] = fr_hex(*v.binding_input);
    } else {
      out["binding_override"] = "present (use --show-witness)";
    }
  }
  void operator()(const mn::CheckResponse& v) {
    Json skips = Json::array();
    for (const auto& s : v.pi_skips) skips.push_back(s ? Json(*s) : Json(nullptr));
    out["pi_skips"] = skips;
  }
  void operator()(const ff::Fr& v) { out["value"] = fr_hex(v); }
  void operator()(const mn::VerifierKey& v) {
    out["arch"] = mn::chip_names(v.arch);
    out["nr_pow2range_cols"] = v.arch.nr_pow2range_cols;
    out["max_bit_len"] = v.max_bit_len;
    out["num_public_inputs"] = v.num_public_inputs;
    out["k"] = v.k;
    out["fixed_commitments"] = v.fixed_commitments.size();
    out["permutation_commitments"] = v.permutation_commitments.size();
  }
  void operator()(const zkir::Ir& v) { out["ir"] = ir_json(v); }
  void operator()(const mn::ProverKey& v) {
    out["decompressed_bytes"] = v.body.size();
    out["max_bit_len"] = v.max_bit_len;
    out["k"] = v.k;
    out["relation"] = ir_json(v.relation);
    out["proving_key"] = {{"offset", v.proving_key.offset},
                          {"bytes", v.proving_key.size},
                          {"fixed_columns", v.layout.num_fixed},
                          {"permutation_columns", v.layout.num_permutation},
                          {"polynomial_length", v.layout.poly_len}};
  }
};

}  // namespace

int run_decode(const std::string& path, bool show_witness) {
  Result<MappedFile> file = MappedFile::open(path);
  if (!file.is_ok()) {
    std::fprintf(stderr, "error: %s\n", file.status().message().c_str());
    return 1;
  }
  std::span<const uint8_t> bytes = file->bytes();
  Result<mn::TaggedObject> object = mn::decode_any(bytes);
  if (!object.is_ok()) {
    std::fprintf(stderr, "error: %s: %s\n", path.c_str(), object.status().message().c_str());
    return 1;
  }
  Json out;
  out["file"] = path;
  out["bytes"] = bytes.size();
  out["sha256"] = to_hex(sha256(bytes));
  out["tag"] = std::string(mn::peek_tag(bytes));
  std::visit(Describe{show_witness, out}, *object);
  std::printf("%s\n", out.dump(2).c_str());
  return 0;
}

}  // namespace nightjar::cli
