using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Proxus.Agent.Storage;

/// <summary>
/// Replaces a file so that a crash at any instant leaves either the complete old content or the
/// complete new content: write a temporary file in the same directory, fsync it, rename it over the
/// target (rename(2) is atomic), then fsync the directory so the rename itself is durable.
/// </summary>
public static partial class AtomicFile
{
    /// <summary>Owner read and write only (0600).</summary>
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Owner read and write, others read (0644).</summary>
    public const UnixFileMode Readable = OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private const int ReadOnlyFlag = 0;
    private const int DirectoryFlag = 0x10000;
    private const int CloseOnExecFlag = 0x80000;

    public static void Write(string path, ReadOnlySpan<byte> content, UnixFileMode mode)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The Proxus agent runs on Linux.");
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            var options = new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                UnixCreateMode = mode,
            };
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }

        SyncDirectory(directory);
    }

    /// <summary>Makes the directory's entries (a rename, a new file) durable.</summary>
    public static void SyncDirectory(string directory)
    {
        var descriptor = Open(directory, ReadOnlyFlag | DirectoryFlag | CloseOnExecFlag);
        if (descriptor < 0)
        {
            throw new IOException($"Cannot open {directory} to sync it.", new Win32Exception(Marshal.GetLastPInvokeError()));
        }

        try
        {
            if (Fsync(descriptor) != 0)
            {
                throw new IOException($"fsync of {directory} failed.", new Win32Exception(Marshal.GetLastPInvokeError()));
            }
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int descriptor);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int descriptor);
}
