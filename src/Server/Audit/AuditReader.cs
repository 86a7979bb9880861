using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Proxus.Server.Data;

namespace Proxus.Server.Audit;

/// <summary>Queries the log by time, actor and type, and exports it as CSV (RFC 4180) or JSON Lines.</summary>
public sealed class AuditReader(IDbContextFactory<ProxusDbContext> contexts)
{
    private const string CsvHeader = "sequence,timestamp,actor,type,subject,data,previous_hash,hash";

    public async Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, AuditQuery.MaxLimit);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entries = db.AuditEntries.AsNoTracking().Where(e => e.Sequence > query.AfterSequence);
        if (query.From is { } from)
        {
            entries = entries.Where(e => e.Timestamp >= from);
        }

        if (query.To is { } to)
        {
            entries = entries.Where(e => e.Timestamp < to);
        }

        if (query.Actor is { } actor)
        {
            entries = entries.Where(e => e.Actor == actor);
        }

        if (query.Type is { } type)
        {
            entries = entries.Where(e => e.Type == type);
        }

        return await entries.OrderBy(e => e.Sequence).Take(query.Limit).ToListAsync(cancellationToken);
    }

    public Task ExportCsvAsync(AuditQuery query, Stream output, CancellationToken cancellationToken)
        => ExportAsync(query, output, CsvHeader + "\r\n", FormatCsv, cancellationToken);

    public Task ExportJsonLinesAsync(AuditQuery query, Stream output, CancellationToken cancellationToken)
        => ExportAsync(query, output, null, FormatJsonLine, cancellationToken);

    private async Task ExportAsync(AuditQuery query, Stream output, string? header, Func<AuditEntry, string> format, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true);
        if (header is not null)
        {
            await writer.WriteAsync(header.AsMemory(), cancellationToken);
        }

        var page = query with { Limit = AuditQuery.MaxLimit };
        while (true)
        {
            var entries = await QueryAsync(page, cancellationToken);
            foreach (var entry in entries)
            {
                await writer.WriteAsync(format(entry).AsMemory(), cancellationToken);
            }

            if (entries.Count < page.Limit)
            {
                break;
            }

            page = page with { AfterSequence = entries[^1].Sequence };
        }

        await writer.FlushAsync(cancellationToken);
    }

    private static string FormatCsv(AuditEntry entry) => string.Join(
        ',',
        entry.Sequence.ToString(CultureInfo.InvariantCulture),
        FormatTimestamp(entry.Timestamp),
        CsvField(entry.Actor),
        CsvField(entry.Type),
        CsvField(entry.Subject),
        CsvField(entry.Data),
        Convert.ToHexStringLower(entry.PreviousHash),
        Convert.ToHexStringLower(entry.Hash)) + "\r\n";

    /// <summary>Quotes per RFC 4180 and defuses spreadsheet formulas (a leading = + - @ gets a quote mark).</summary>
    private static string CsvField(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || value != value.Trim()
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }

    private static string FormatJsonLine(AuditEntry entry)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("sequence", entry.Sequence);
            writer.WriteString("timestamp", FormatTimestamp(entry.Timestamp));
            writer.WriteString("actor", entry.Actor);
            writer.WriteString("type", entry.Type);
            writer.WriteString("subject", entry.Subject);
            writer.WritePropertyName("data");
            using (var data = JsonDocument.Parse(entry.Data))
            {
                data.RootElement.WriteTo(writer);
            }

            writer.WriteString("previousHash", Convert.ToHexStringLower(entry.PreviousHash));
            writer.WriteString("hash", Convert.ToHexStringLower(entry.Hash));
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static string FormatTimestamp(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
