#include "base/secure_zero.h"

#include <cstring>

namespace nightjar {

void secure_zero(void* data, size_t size) {
  std::memset(data, 0, size);
  // The empty asm takes the pointer as an input and clobbers memory, so the stores above are
  // observable and cannot be removed as dead.
  __asm__ __volatile__("" : : "r"(data) : "memory");
}

}  // namespace nightjar
