using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Proxus.Core.TagMaps;

/// <summary>Reads an upload within the size limit and decodes it as strict UTF-8 (a leading BOM is dropped).</summary>
internal static class UploadText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool TryRead(Stream stream, TagMapLimits limits, [NotNullWhen(true)] out string? text, [NotNullWhen(false)] out string? error)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > limits.MaxBytes)
            {
                text = null;
                error = TooLarge(limits);
                return false;
            }

            buffer.Write(chunk, 0, read);
        }

        return TryDecode(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), limits, out text, out error);
    }

    public static bool TryDecode(ReadOnlySpan<byte> bytes, TagMapLimits limits, [NotNullWhen(true)] out string? text, [NotNullWhen(false)] out string? error)
    {
        text = null;
        if (bytes.Length > limits.MaxBytes)
        {
            error = TooLarge(limits);
            return false;
        }

        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            error = "the upload is not valid UTF-8";
            return false;
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            error = "the upload contains a NUL character";
            return false;
        }

        error = null;
        return true;
    }

    private static string TooLarge(TagMapLimits limits) => $"the upload is larger than {limits.MaxBytes} bytes";
}
