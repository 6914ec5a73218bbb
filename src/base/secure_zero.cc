#include "base/secure_zero.h"

#include <cstring>

namespace nightjar {

void secure_zero(void* data, size_t size) {
  if (size == 0) return;  // memset(nullptr, 0, 0) is undefined
  std::memset(data, 0, size);
  // The empty asm takes the pointer as an input and clobbers memory, so the stores above are
  // observable and cannot be removed as dead.
  __asm__ __volatile__("" : : "r"(data) : "memory");
}

}  // namespace nightjar
