using System.Runtime.InteropServices;

namespace Proxus.Agent.Buffering;

/// <summary>
/// Flushes a directory's entries (created, renamed and deleted files) to the disk. POSIX only makes a
/// new or renamed file durable once its directory is flushed; .NET has no API for it, so this opens the
/// directory and calls <c>fsync</c>. On Windows the file system journals renames itself: nothing to do.
/// </summary>
internal static class DirectorySync
{
    public static void Flush(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var descriptor = Open(directory, 0);
        if (descriptor < 0)
        {
            throw new IOException($"Opening directory {directory} to flush it failed (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (Fsync(descriptor) != 0)
            {
                throw new IOException($"Flushing directory {directory} failed (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    // DllImport rather than LibraryImport: the generated stubs need unsafe code, which the agent does not allow.
    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int descriptor);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int descriptor);
}
