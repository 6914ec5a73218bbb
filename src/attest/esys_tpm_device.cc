#include "attest/esys_tpm_device.h"

#include <tss2/tss2_esys.h>
#include <tss2/tss2_mu.h>
#include <tss2/tss2_rc.h>
#include <tss2/tss2_tctildr.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>

namespace nightjar::attest {
namespace {

// A handle or index the TPM does not have (TPM_RC_HANDLE, format one, any handle number).
bool is_missing_handle(TSS2_RC rc) {
  const TSS2_RC code = rc & 0xFFFF;
  return (code & TPM2_RC_FMT1) != 0 && (code & 0x3F) == (TPM2_RC_HANDLE & 0x3F);
}

Status tpm_error(const std::string& what, TSS2_RC rc) {
  return Status(is_missing_handle(rc) ? StatusCode::kNotFound : StatusCode::kInternal,
                "TPM: " + what + ": " + Tss2_RC_Decode(rc));
}

template <class T>
struct EsysDeleter {
  void operator()(T* p) const { Esys_Free(p); }
};
template <class T>
using EsysPtr = std::unique_ptr<T, EsysDeleter<T>>;

TPML_PCR_SELECTION selection(uint16_t bank, std::span<const uint32_t> pcrs) {
  TPML_PCR_SELECTION s{};
  s.count = 1;
  s.pcrSelections[0].hash = bank;
  s.pcrSelections[0].sizeofSelect = 3;
  for (uint32_t pcr : pcrs) {
    if (pcr < 24) s.pcrSelections[0].pcrSelect[pcr / 8] |= static_cast<uint8_t>(1 << (pcr % 8));
  }
  return s;
}

std::vector<uint8_t> marshal_public(const TPMT_PUBLIC& area) {
  std::vector<uint8_t> out(sizeof(TPMT_PUBLIC));
  size_t offset = 0;
  NIGHTJAR_CHECK(Tss2_MU_TPMT_PUBLIC_Marshal(&area, out.data(), out.size(), &offset) ==
                 TSS2_RC_SUCCESS);
  out.resize(offset);
  return out;
}

}  // namespace

std::string tcti_from_environment() {
  const char* tcti = std::getenv("NIGHTJAR_TPM_TCTI");
  return tcti != nullptr && *tcti != '\0' ? tcti : kDefaultTcti;
}

struct EsysTpmDevice::Impl {
  TSS2_TCTI_CONTEXT* tcti = nullptr;
  ESYS_CONTEXT* esys = nullptr;
  ESYS_TR ak = ESYS_TR_NONE;
  bool ak_transient = false;
  uint16_t nv_chunk = 512;

  ~Impl() {
    release_ak();
    if (esys != nullptr) Esys_Finalize(&esys);
    if (tcti != nullptr) Tss2_TctiLdr_Finalize(&tcti);
  }

  void release_ak() {
    if (ak == ESYS_TR_NONE) return;
    if (ak_transient) {
      (void)Esys_FlushContext(esys, ak);
    } else {
      (void)Esys_TR_Close(esys, &ak);
    }
    ak = ESYS_TR_NONE;
  }
};

EsysTpmDevice::EsysTpmDevice(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
EsysTpmDevice::~EsysTpmDevice() = default;

Result<std::unique_ptr<EsysTpmDevice>> EsysTpmDevice::open(const std::string& tcti) {
  // tpm2-tss logs every failed command to stderr, including the expected "no such NV index"
  // while probing a platform's keys; the server's stderr is JSON lines. An operator who wants
  // the library's log sets TSS2_LOG themselves.
  setenv("TSS2_LOG", "all+none", 0);
  auto impl = std::make_unique<Impl>();
  if (TSS2_RC rc = Tss2_TctiLdr_Initialize(tcti.c_str(), &impl->tcti); rc != TSS2_RC_SUCCESS) {
    return Status(StatusCode::kNotFound,
                  "TPM: cannot open TCTI \"" + tcti + "\": " + Tss2_RC_Decode(rc));
  }
  if (TSS2_RC rc = Esys_Initialize(&impl->esys, impl->tcti, nullptr); rc != TSS2_RC_SUCCESS) {
    return tpm_error("ESYS initialisation on \"" + tcti + "\"", rc);
  }
  // A simulator may come up unstarted; a started TPM answers TPM_RC_INITIALIZE, harmlessly.
  (void)Esys_Startup(impl->esys, TPM2_SU_CLEAR);

  TPMI_YES_NO more = TPM2_NO;
  TPMS_CAPABILITY_DATA* data = nullptr;
  TSS2_RC rc = Esys_GetCapability(impl->esys, ESYS_TR_NONE, ESYS_TR_NONE, ESYS_TR_NONE,
                                  TPM2_CAP_TPM_PROPERTIES, TPM2_PT_NV_BUFFER_MAX, 1, &more, &data);
  EsysPtr<TPMS_CAPABILITY_DATA> capability(data);
  if (rc != TSS2_RC_SUCCESS)
    return tpm_error("reading TPM2_PT_NV_BUFFER_MAX on \"" + tcti + "\"", rc);
  const TPML_TAGGED_TPM_PROPERTY& props = capability->data.tpmProperties;
  if (props.count == 1 && props.tpmProperty[0].property == TPM2_PT_NV_BUFFER_MAX) {
    impl->nv_chunk = static_cast<uint16_t>(
        std::clamp<uint32_t>(props.tpmProperty[0].value, 64, TPM2_MAX_NV_BUFFER_SIZE));
  }
  return std::unique_ptr<EsysTpmDevice>(new EsysTpmDevice(std::move(impl)));
}

Result<std::vector<uint8_t>> EsysTpmDevice::nv_read(uint32_t index) {
  ESYS_CONTEXT* esys = impl_->esys;
  ESYS_TR nv = ESYS_TR_NONE;
  if (TSS2_RC rc =
          Esys_TR_FromTPMPublic(esys, index, ESYS_TR_NONE, ESYS_TR_NONE, ESYS_TR_NONE, &nv);
      rc != TSS2_RC_SUCCESS) {
    return tpm_error("NV index " + std::to_string(index), rc);
  }
  TPM2B_NV_PUBLIC* raw_public = nullptr;
  TSS2_RC rc =
      Esys_NV_ReadPublic(esys, nv, ESYS_TR_NONE, ESYS_TR_NONE, ESYS_TR_NONE, &raw_public, nullptr);
  EsysPtr<TPM2B_NV_PUBLIC> nv_public(raw_public);
  if (rc != TSS2_RC_SUCCESS) {
    (void)Esys_TR_Close(esys, &nv);
    return tpm_error("NV_ReadPublic", rc);
  }
  const TPMA_NV attributes = nv_public->nvPublic.attributes;
  const ESYS_TR auth = (attributes & TPMA_NV_OWNERREAD) != 0 ? ESYS_TR_RH_OWNER : nv;
  const size_t size = nv_public->nvPublic.dataSize;
  std::vector<uint8_t> out;
  out.reserve(size);
  while (out.size() < size) {
    const uint16_t chunk =
        static_cast<uint16_t>(std::min<size_t>(impl_->nv_chunk, size - out.size()));
    TPM2B_MAX_NV_BUFFER* raw = nullptr;
    rc = Esys_NV_Read(esys, auth, nv, ESYS_TR_PASSWORD, ESYS_TR_NONE, ESYS_TR_NONE, chunk,
                      static_cast<uint16_t>(out.size()), &raw);
    EsysPtr<TPM2B_MAX_NV_BUFFER> data(raw);
    if (rc != TSS2_RC_SUCCESS) {
      (void)Esys_TR_Close(esys, &nv);
      return Status(StatusCode::kInternal,
                    "TPM: NV_Read of index " + std::to_string(index) + ": " + Tss2_RC_Decode(rc));
    }
    if (data->size == 0) break;
    out.insert(out.end(), data->buffer, data->buffer + data->size);
  }
  (void)Esys_TR_Close(esys, &nv);
  return out;
}

Result<std::vector<uint8_t>> EsysTpmDevice::create_endorsement_ak(
    std::span<const uint8_t> tpmt_public_template) {
  TPM2B_PUBLIC in_public{};
  size_t offset = 0;
  if (Tss2_MU_TPMT_PUBLIC_Unmarshal(tpmt_public_template.data(), tpmt_public_template.size(),
                                    &offset, &in_public.publicArea) != TSS2_RC_SUCCESS ||
      offset != tpmt_public_template.size()) {
    return invalid_argument("TPM: the AK template is not a TPMT_PUBLIC");
  }
  TPM2B_SENSITIVE_CREATE in_sensitive{};
  TPM2B_DATA outside{};
  TPML_PCR_SELECTION creation_pcrs{};
  ESYS_TR handle = ESYS_TR_NONE;
  TPM2B_PUBLIC* raw_public = nullptr;
  TSS2_RC rc = Esys_CreatePrimary(impl_->esys, ESYS_TR_RH_ENDORSEMENT, ESYS_TR_PASSWORD,
                                  ESYS_TR_NONE, ESYS_TR_NONE, &in_sensitive, &in_public, &outside,
                                  &creation_pcrs, &handle, &raw_public, nullptr, nullptr, nullptr);
  EsysPtr<TPM2B_PUBLIC> out_public(raw_public);
  if (rc != TSS2_RC_SUCCESS)
    return tpm_error("CreatePrimary (AK) under the endorsement hierarchy", rc);
  impl_->release_ak();
  impl_->ak = handle;
  impl_->ak_transient = true;
  return marshal_public(out_public->publicArea);
}

Result<std::vector<uint8_t>> EsysTpmDevice::load_persistent_ak(uint32_t persistent) {
  ESYS_TR handle = ESYS_TR_NONE;
  if (TSS2_RC rc = Esys_TR_FromTPMPublic(impl_->esys, persistent, ESYS_TR_NONE, ESYS_TR_NONE,
                                         ESYS_TR_NONE, &handle);
      rc != TSS2_RC_SUCCESS) {
    return tpm_error("persistent key " + std::to_string(persistent), rc);
  }
  TPM2B_PUBLIC* raw_public = nullptr;
  TSS2_RC rc = Esys_ReadPublic(impl_->esys, handle, ESYS_TR_NONE, ESYS_TR_NONE, ESYS_TR_NONE,
                               &raw_public, nullptr, nullptr);
  EsysPtr<TPM2B_PUBLIC> out_public(raw_public);
  if (rc != TSS2_RC_SUCCESS) {
    (void)Esys_TR_Close(impl_->esys, &handle);
    return tpm_error("ReadPublic of the persistent AK", rc);
  }
  impl_->release_ak();
  impl_->ak = handle;
  impl_->ak_transient = false;
  return marshal_public(out_public->publicArea);
}

Result<std::map<uint32_t, std::vector<uint8_t>>> EsysTpmDevice::pcr_read(
    uint16_t bank, std::span<const uint32_t> pcrs) {
  std::map<uint32_t, std::vector<uint8_t>> out;
  std::vector<uint32_t> left(pcrs.begin(), pcrs.end());
  // A TPM answers at most eight digests per PCR_Read.
  while (!left.empty()) {
    TPML_PCR_SELECTION in = selection(bank, left);
    TPML_PCR_SELECTION* raw_read = nullptr;
    TPML_DIGEST* raw_values = nullptr;
    UINT32 counter = 0;
    TSS2_RC rc = Esys_PCR_Read(impl_->esys, ESYS_TR_NONE, ESYS_TR_NONE, ESYS_TR_NONE, &in, &counter,
                               &raw_read, &raw_values);
    EsysPtr<TPML_PCR_SELECTION> read(raw_read);
    EsysPtr<TPML_DIGEST> values(raw_values);
    if (rc != TSS2_RC_SUCCESS) return tpm_error("PCR_Read", rc);
    size_t next = 0;
    std::vector<uint32_t> still;
    for (uint32_t pcr : left) {
      bool got = false;
      for (uint32_t b = 0; b < read->count; ++b) {
        const TPMS_PCR_SELECTION& s = read->pcrSelections[b];
        got |=
            s.hash == bank && pcr / 8 < s.sizeofSelect && (s.pcrSelect[pcr / 8] >> (pcr % 8) & 1);
      }
      if (got && next < values->count) {
        const TPM2B_DIGEST& d = values->digests[next++];
        out[pcr].assign(d.buffer, d.buffer + d.size);
      } else {
        still.push_back(pcr);
      }
    }
    if (still.size() == left.size()) {
      return Status(StatusCode::kNotFound, "TPM: PCR bank not allocated or PCRs unreadable");
    }
    left = std::move(still);
  }
  return out;
}

Status EsysTpmDevice::pcr_extend(uint32_t pcr, uint16_t bank, std::span<const uint8_t> digest) {
  TPML_DIGEST_VALUES values{};
  values.count = 1;
  values.digests[0].hashAlg = bank;
  if (digest.size() > sizeof(values.digests[0].digest)) {
    return invalid_argument("TPM: digest too long for PCR_Extend");
  }
  std::memcpy(&values.digests[0].digest, digest.data(), digest.size());
  TSS2_RC rc = Esys_PCR_Extend(impl_->esys, ESYS_TR_PCR0 + pcr, ESYS_TR_PASSWORD, ESYS_TR_NONE,
                               ESYS_TR_NONE, &values);
  if (rc != TSS2_RC_SUCCESS) return tpm_error("PCR_Extend of PCR " + std::to_string(pcr), rc);
  return Status::ok();
}

Result<TpmQuoteResult> EsysTpmDevice::quote(std::span<const uint8_t> qualifying_data, uint16_t bank,
                                            std::span<const uint32_t> pcrs) {
  if (impl_->ak == ESYS_TR_NONE) return Status(StatusCode::kInternal, "TPM: no AK loaded");
  TPM2B_DATA data{};
  if (qualifying_data.size() > sizeof(data.buffer)) {
    return invalid_argument("TPM: qualifyingData longer than 64 bytes");
  }
  data.size = static_cast<uint16_t>(qualifying_data.size());
  std::memcpy(data.buffer, qualifying_data.data(), qualifying_data.size());
  TPMT_SIG_SCHEME scheme{};
  scheme.scheme = TPM2_ALG_NULL;
  TPML_PCR_SELECTION select = selection(bank, pcrs);
  TPM2B_ATTEST* raw_quoted = nullptr;
  TPMT_SIGNATURE* raw_signature = nullptr;
  TSS2_RC rc = Esys_Quote(impl_->esys, impl_->ak, ESYS_TR_PASSWORD, ESYS_TR_NONE, ESYS_TR_NONE,
                          &data, &scheme, &select, &raw_quoted, &raw_signature);
  EsysPtr<TPM2B_ATTEST> quoted(raw_quoted);
  EsysPtr<TPMT_SIGNATURE> signature(raw_signature);
  if (rc != TSS2_RC_SUCCESS) return tpm_error("Quote", rc);
  TpmQuoteResult out;
  out.attest.assign(quoted->attestationData, quoted->attestationData + quoted->size);
  out.signature.resize(sizeof(TPMT_SIGNATURE));
  size_t offset = 0;
  NIGHTJAR_CHECK(Tss2_MU_TPMT_SIGNATURE_Marshal(signature.get(), out.signature.data(),
                                                out.signature.size(), &offset) == TSS2_RC_SUCCESS);
  out.signature.resize(offset);
  return out;
}

}  // namespace nightjar::attest
