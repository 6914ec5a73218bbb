// Zeroing that the compiler may not optimise away, for buffers that held secrets (witnesses).
#pragma once

#include <cstddef>

namespace nightjar {

void secure_zero(void* data, size_t size);

}  // namespace nightjar
