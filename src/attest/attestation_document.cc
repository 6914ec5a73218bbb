#include "attest/attestation_document.h"

#include <nlohmann/json.hpp>

#include "attest/base64.h"
#include "attest/tpm_attest.h"
#include "attest/x509.h"
#include "base/hex.h"
#include "base/json_depth.h"

namespace nightjar::attest {
namespace {

using Json = nlohmann::ordered_json;

constexpr size_t kMaxEvents = 16;
constexpr size_t kMaxMeasurements = 64;
constexpr size_t kMaxDescription = 4096;

Status bad(const std::string& why) { return invalid_argument("attestation document: " + why); }

uint16_t bank_from_name(std::string_view name) {
  for (uint16_t alg : {kTpmAlgSha256, kTpmAlgSha384}) {
    if (tpm_alg_name(alg) == name) return alg;
  }
  return 0;
}

template <size_t N>
Result<std::array<uint8_t, N>> fixed_hex(const Json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_string()) {
    return bad(std::string("\"") + key + "\" is missing or not a string");
  }
  const std::string& text = it->template get_ref<const std::string&>();
  Result<std::vector<uint8_t>> bytes = from_hex(text);
  if (!bytes.is_ok() || bytes->size() != N) {
    return bad(std::string("\"") + key + "\" is not " + std::to_string(2 * N) + " hex digits");
  }
  std::array<uint8_t, N> out;
  std::copy(bytes->begin(), bytes->end(), out.begin());
  return out;
}

Result<std::string> string_field(const Json& object, const char* key, size_t max) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_string()) {
    return bad(std::string("\"") + key + "\" is missing or not a string");
  }
  const std::string& text = it->get_ref<const std::string&>();
  if (text.size() > max) return bad(std::string("\"") + key + "\" is too long");
  return text;
}

Result<WorkloadEvent> parse_event(const Json& e) {
  if (!e.is_object()) return bad("an event is not an object");
  WorkloadEvent event;
  auto pcr = e.find("pcr");
  if (pcr == e.end()) return bad("an event has no \"pcr\"");
  if (pcr->is_number_unsigned() && pcr->get<uint64_t>() < 32) {
    event.pcr = pcr->get<uint32_t>();
  } else if (!pcr->is_null()) {
    return bad("an event's \"pcr\" is not 0..31 or null");
  }
  Result<std::string> bank = string_field(e, "bank", 16);
  if (!bank.is_ok()) return bank.status();
  event.bank = bank_from_name(*bank);
  if (event.bank == 0) return bad("an event's bank is not sha256 or sha384");
  Result<Sha256Digest> digest = fixed_hex<32>(e, "digest");
  if (!digest.is_ok()) return digest.status();
  event.digest = *digest;
  Result<std::string> type = string_field(e, "type", 64);
  if (!type.is_ok()) return type.status();
  event.type = *type;
  Result<std::string> description = string_field(e, "description", kMaxDescription);
  if (!description.is_ok()) return description.status();
  event.description = *description;
  return event;
}

Json debug_json(DebugState state) {
  switch (state) {
    case DebugState::kOff:
      return false;
    case DebugState::kOn:
      return true;
    case DebugState::kUnknown:
      break;
  }
  return "unknown";
}

}  // namespace

std::string attestation_document_json(const AttestationDocument& d) {
  Json out;
  out["platform"] = platform_name(d.platform);
  out["nonce"] = to_hex(d.nonce);
  out["tls_public_key_sha256"] = to_hex(d.tls_public_key_sha256);
  out["timestamp"] = format_utc_time(d.timestamp);
  out["debug"] = debug_json(d.debug);
  out["measurements"] = Json::object();
  for (const auto& [name, value] : d.measurements) out["measurements"][name] = value;
  out["evidence"] = base64_encode(d.evidence);
  out["certificates"] = d.certificates;
  out["event_log"] = Json::array();
  for (const WorkloadEvent& e : d.event_log) {
    out["event_log"].push_back({{"pcr", e.pcr ? Json(*e.pcr) : Json(nullptr)},
                                {"bank", tpm_alg_name(e.bank)},
                                {"digest", to_hex(e.digest)},
                                {"type", e.type},
                                {"description", e.description}});
  }
  return out.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Result<AttestationDocument> parse_attestation_document(std::string_view text) {
  if (text.size() > kMaxDocumentBytes) {
    return bad("larger than " + std::to_string(kMaxDocumentBytes) + " bytes");
  }
  // Depth is bounded by the accepted shape; nlohmann's parser recurses, so refuse deep nesting
  // before it does.
  if (json_exceeds_depth(text, 4)) return bad("nested too deeply");
  Json j = Json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return bad("not a JSON object");

  AttestationDocument d;
  Result<std::string> platform = string_field(j, "platform", 32);
  if (!platform.is_ok()) return platform.status();
  std::optional<Platform> p = platform_from_name(*platform);
  if (!p) return bad("unknown platform \"" + *platform + "\"");
  d.platform = *p;
  Result<Nonce> nonce = fixed_hex<32>(j, "nonce");
  if (!nonce.is_ok()) return nonce.status();
  d.nonce = *nonce;
  Result<Sha256Digest> spki = fixed_hex<32>(j, "tls_public_key_sha256");
  if (!spki.is_ok()) return spki.status();
  d.tls_public_key_sha256 = *spki;
  Result<std::string> timestamp = string_field(j, "timestamp", 64);
  if (!timestamp.is_ok()) return timestamp.status();
  Result<TimePoint> t = parse_utc_time(*timestamp);
  if (!t.is_ok()) return bad("\"timestamp\": " + t.status().message());
  d.timestamp = *t;

  auto debug = j.find("debug");
  if (debug == j.end()) return bad("\"debug\" is missing");
  if (debug->is_boolean()) {
    d.debug = debug->get<bool>() ? DebugState::kOn : DebugState::kOff;
  } else if (!(debug->is_string() && debug->get_ref<const std::string&>() == "unknown")) {
    return bad("\"debug\" is not true, false or \"unknown\"");
  }

  auto measurements = j.find("measurements");
  if (measurements == j.end() || !measurements->is_object() ||
      measurements->size() > kMaxMeasurements) {
    return bad("\"measurements\" is missing, not an object or too large");
  }
  for (const auto& [name, value] : measurements->items()) {
    if (!value.is_string() || name.size() > 64 ||
        value.get_ref<const std::string&>().size() > 256) {
      return bad("a measurement is not a short name with a hex string");
    }
    d.measurements.emplace_back(name, value.get<std::string>());
  }

  Result<std::string> evidence = string_field(j, "evidence", kMaxDocumentBytes);
  if (!evidence.is_ok()) return evidence.status();
  Result<std::vector<uint8_t>> bytes = base64_decode(*evidence, kMaxDocumentEvidenceBytes);
  if (!bytes.is_ok()) return bad("\"evidence\": " + bytes.status().message());
  d.evidence = std::move(bytes).value();

  auto certificates = j.find("certificates");
  if (certificates == j.end() || !certificates->is_array() ||
      certificates->size() > kMaxCertificates) {
    return bad("\"certificates\" is missing, not an array or has more than " +
               std::to_string(kMaxCertificates));
  }
  for (const Json& c : *certificates) {
    if (!c.is_string() || c.get_ref<const std::string&>().size() > 4 * kMaxCertificateBytes) {
      return bad("a certificate is not a PEM string");
    }
    d.certificates.push_back(c.get<std::string>());
  }

  auto events = j.find("event_log");
  if (events == j.end() || !events->is_array() || events->size() > kMaxEvents) {
    return bad("\"event_log\" is missing, not an array or has more than " +
               std::to_string(kMaxEvents) + " events");
  }
  for (const Json& e : *events) {
    Result<WorkloadEvent> event = parse_event(e);
    if (!event.is_ok()) return event.status();
    d.event_log.push_back(std::move(event).value());
  }
  return d;
}

bool looks_like_attestation_document(std::span<const uint8_t> contents) {
  for (uint8_t c : contents) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    return c == '{';
  }
  return false;
}

}  // namespace nightjar::attest
