#include "attest/thim.h"

#include <charconv>
#include <nlohmann/json.hpp>

#include "attest/tpm_verifier.h"
#include "base/json_depth.h"

namespace nightjar::attest {
namespace {

using Json = nlohmann::json;

Status bad(const std::string& why) { return invalid_argument("THIM: " + why); }

Result<std::vector<Certificate>> pem_member(const Json& object, const char* key, size_t count) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_string()) {
    return bad(std::string("\"") + key + "\" is missing or not a string");
  }
  Result<std::vector<Certificate>> certificates =
      certificates_from_pem(it->get_ref<const std::string&>());
  if (!certificates.is_ok()) {
    return bad(std::string("\"") + key + "\": " + certificates.status().message());
  }
  if (certificates->size() != count) {
    const size_t n = certificates->size();
    return bad(std::string("\"") + key + "\" holds " + std::to_string(n) +
               (n == 1 ? " certificate" : " certificates") + ", not " + std::to_string(count));
  }
  return certificates;
}

Result<std::optional<uint64_t>> tcbm_member(const Json& object) {
  auto it = object.find("tcbm");
  if (it == object.end()) return std::optional<uint64_t>();
  const std::string* text = it->is_string() ? &it->get_ref<const std::string&>() : nullptr;
  uint64_t value = 0;
  if (text == nullptr || text->empty() || text->size() > 16 ||
      std::from_chars(text->data(), text->data() + text->size(), value, 16).ptr !=
          text->data() + text->size()) {
    return bad("\"tcbm\" is not 1 to 16 hex digits");
  }
  return std::optional<uint64_t>(value);
}

}  // namespace

std::vector<std::string> ThimCertification::pem() const {
  return {certificate_pem(vcek), certificate_pem(ask), certificate_pem(ark)};
}

Result<ThimCertification> parse_thim_certification(std::string_view json, TimePoint now) {
  if (json.size() > kMaxThimResponseBytes) {
    return bad("answer longer than " + std::to_string(kMaxThimResponseBytes) + " bytes");
  }
  if (json_exceeds_depth(json, 4)) return bad("answer nested too deeply");
  Json j = Json::parse(json, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return bad("answer is not a JSON object");

  Result<std::vector<Certificate>> vcek = pem_member(j, "vcekCert", 1);
  if (!vcek.is_ok()) return vcek.status();
  Result<std::vector<Certificate>> chain = pem_member(j, "certificateChain", 2);
  if (!chain.is_ok()) return chain.status();
  Result<std::optional<uint64_t>> tcbm = tcbm_member(j);
  if (!tcbm.is_ok()) return tcbm.status();

  ThimCertification out{(*vcek)[0], (*chain)[0], (*chain)[1], *tcbm};
  if (!is_amd_leaf(out.vcek)) {
    return bad("\"vcekCert\" (" + out.vcek.subject() + ") lacks AMD's VCEK extensions");
  }
  Status chained = verify_chain(out.vcek, std::span(&out.ask, 1), out.ark, now);
  if (!chained.is_ok()) {
    return bad("VCEK <- ASK <- ARK does not verify: " + chained.message());
  }
  return out;
}

Result<ThimCertification> fetch_thim_certification(MetadataGetter& getter, TimePoint now) {
  Result<std::string> answer = getter.get(kThimCertificationPath, kMaxThimResponseBytes);
  if (!answer.is_ok()) return Status(answer.status().code(), "THIM: " + answer.status().message());
  return parse_thim_certification(*answer, now);
}

}  // namespace nightjar::attest
