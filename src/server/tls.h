// TLS termination inside the process (the TEE standard requires it; see ARCHITECTURE.md):
// either a certificate chain and key from PEM files, or a self-signed certificate made in memory
// at start-up (an ECDSA P-256 key that never touches the disk, valid for one year, for
// localhost, 127.0.0.1 and ::1). TLS 1.2 and 1.3 only; ALPN selects http/1.1.
//
// Thread safety: the context is configured once, then shared read-only by every session.
#pragma once

#include <boost/asio/ssl/context.hpp>
#include <memory>
#include <string>

#include "base/sha256.h"
#include "base/status.h"

namespace nightjar::server {

struct TlsContext {
  std::unique_ptr<boost::asio::ssl::context> context;
  // SHA-256 of the leaf certificate (DER), lower-case hex: what a client pins.
  std::string certificate_sha256;
  // The leaf certificate, PEM: public, for clients that want to trust a self-signed server.
  std::string certificate_pem;
  // SHA-256 of the leaf's DER SubjectPublicKeyInfo: what attestation binds (attest/binding.h).
  Sha256Digest spki_sha256{};
};

Result<TlsContext> tls_from_files(const std::string& cert_file, const std::string& key_file);
Result<TlsContext> tls_self_signed();

}  // namespace nightjar::server
