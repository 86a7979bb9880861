using System.Globalization;
using System.Text;

namespace Proxus.Server.Telemetry;

/// <summary>
/// Streams history as CSV (RFC 4180: comma, CRLF, quoted fields) with the header
/// <c>tag,timestamp,value,quality</c>, writing rows to the response as they are read. A text
/// that a spreadsheet would run as a formula is prefixed with an apostrophe.
/// </summary>
internal sealed class HistoryCsv(IAsyncEnumerable<HistoryPoint> points, string fileName) : IResult
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        await using var writer = new StreamWriter(response.Body, Utf8, bufferSize: 64 * 1024, leaveOpen: true);
        await writer.WriteAsync("tag,timestamp,value,quality\r\n".AsMemory(), httpContext.RequestAborted);
        await foreach (var point in points.WithCancellation(httpContext.RequestAborted))
        {
            await writer.WriteAsync(Row(point).AsMemory(), httpContext.RequestAborted);
        }

        await writer.FlushAsync(httpContext.RequestAborted);
    }

    internal static string Row(HistoryPoint point)
    {
        var value = point.Value switch
        {
            null => string.Empty,
            double number => number.ToString("R", CultureInfo.InvariantCulture),
            bool boolean => boolean ? "true" : "false",
            string text => Escape(text),
            var other => Escape(Convert.ToString(other, CultureInfo.InvariantCulture) ?? string.Empty),
        };
        return $"{Escape(point.Tag)},{point.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture)},{value},{point.Quality}\r\n";
    }

    internal static string Escape(string text)
    {
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }

        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
