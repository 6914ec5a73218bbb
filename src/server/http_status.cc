#include "server/http_status.h"

namespace nightjar::server {

unsigned http_status(Error error) {
  switch (error) {
    case Error::kNone:
      return 200;
    case Error::kNotFound:
      return 404;
    case Error::kDecode:
    case Error::kUnsupportedZkir:
    case Error::kBadInput:
    case Error::kOutOfRange:
    case Error::kMalformedRequest:
    case Error::kBadRequest:
      return 400;
    case Error::kNonceReused:
      return 409;
    case Error::kQueueFull:
      return 429;
    case Error::kTimeout:
      return 504;
    case Error::kClientGone:
      // Never sent; nginx's "client closed request" keeps it apart from real answers in logs.
      return 499;
    case Error::kShuttingDown:
    case Error::kNotReady:
      return 503;
    case Error::kBodyTooLarge:
      return 413;
    case Error::kHeadersTooLarge:
      return 431;
    case Error::kGone:
      return 410;
    case Error::kParamsUnavailable:
    case Error::kInternal:
      return 500;
  }
  return 500;
}

std::string_view official_text(Error error) {
  switch (error) {
    case Error::kBadInput:
      return "bad input";
    case Error::kUnsupportedZkir:
      return "Unsupported ZKIR version";
    case Error::kQueueFull:
      return "Job Queue full";
    case Error::kInternal:
      return "internal error";
    default:
      return {};
  }
}

std::string_view error_label(Error error) {
  switch (error) {
    case Error::kNone:
      return "none";
    case Error::kNotFound:
      return "not_found";
    case Error::kDecode:
      return "decode";
    case Error::kUnsupportedZkir:
      return "unsupported_zkir";
    case Error::kBadInput:
      return "bad_input";
    case Error::kOutOfRange:
      return "out_of_range";
    case Error::kQueueFull:
      return "queue_full";
    case Error::kTimeout:
      return "timeout";
    case Error::kClientGone:
      return "client_gone";
    case Error::kShuttingDown:
      return "shutting_down";
    case Error::kNotReady:
      return "not_ready";
    case Error::kBodyTooLarge:
      return "body_too_large";
    case Error::kHeadersTooLarge:
      return "headers_too_large";
    case Error::kMalformedRequest:
      return "malformed_request";
    case Error::kGone:
      return "gone";
    case Error::kParamsUnavailable:
      return "params_unavailable";
    case Error::kInternal:
      return "internal";
    case Error::kBadRequest:
      return "bad_request";
    case Error::kNonceReused:
      return "nonce_reused";
  }
  return "internal";
}

}  // namespace nightjar::server
