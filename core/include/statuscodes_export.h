/* statuscodes_export.h — the export macro of libstatuscodes.
 *
 * The library is built with hidden visibility; SC_EXPORT marks the public
 * functions. Define SC_STATIC when building or using the static library
 * on Windows. Hand-written (not generated) so that setup.py, which compiles
 * the core straight into the Python extension, needs no CMake step. */
#ifndef STATUSCODES_EXPORT_H
#define STATUSCODES_EXPORT_H

#if defined(SC_STATIC)
#  define SC_EXPORT
#elif defined(_WIN32)
#  if defined(SC_BUILDING)
#    define SC_EXPORT __declspec(dllexport)
#  else
#    define SC_EXPORT __declspec(dllimport)
#  endif
#elif defined(__GNUC__) || defined(__clang__)
#  define SC_EXPORT __attribute__((visibility("default")))
#else
#  define SC_EXPORT
#endif

#endif /* STATUSCODES_EXPORT_H */
