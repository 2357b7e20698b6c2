# Warnings apply to project code only; third-party headers come in as system includes.
# Shared by the main build and the clang fuzz build (cmake/fuzz), so both enforce the same set.
set(EDGEBERT_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
    -Wnon-virtual-dtor -Wold-style-cast -Werror)
