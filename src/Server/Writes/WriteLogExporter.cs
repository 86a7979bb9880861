using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Proxus.Server.Data;

namespace Proxus.Server.Writes;

/// <summary>
/// The write log for auditors: one line per timeline step of every matching request (oldest request
/// first, steps in order), with the request's tag, value, reason and requester on each line, as CSV
/// (RFC 4180, spreadsheet formulas defused) or JSON Lines.
/// </summary>
public sealed class WriteLogExporter(IDbContextFactory<ProxusDbContext> contexts)
{
    private const string CsvHeader = "request_id,site_id,agent_id,tag,value,data_type,reason,requested_by,requested_at,step,action,state,actor,at,detail";
    private const int Page = 500;

    public Task ExportCsvAsync(WriteRequestQuery query, Stream output, CancellationToken cancellationToken)
        => ExportAsync(query, output, CsvHeader + "\r\n", FormatCsv, cancellationToken);

    public Task ExportJsonLinesAsync(WriteRequestQuery query, Stream output, CancellationToken cancellationToken)
        => ExportAsync(query, output, null, FormatJsonLine, cancellationToken);

    private async Task ExportAsync(WriteRequestQuery query, Stream output, string? header, Func<WriteRequest, WriteRequestEvent, string> format, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true);
        if (header is not null)
        {
            await writer.WriteAsync(header.AsMemory(), cancellationToken);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var requests = WriteRequestService.Filter(db.WriteRequests.AsNoTracking(), query).OrderBy(r => r.RequestedAt).ThenBy(r => r.Id);
        for (var skip = 0; ; skip += Page)
        {
            var page = await requests.Skip(skip).Take(Page).ToListAsync(cancellationToken);
            var ids = page.Select(r => r.Id).ToList();
            var steps = (await db.WriteRequestEvents.AsNoTracking().Where(e => ids.Contains(e.RequestId)).ToListAsync(cancellationToken))
                .ToLookup(e => e.RequestId);
            foreach (var request in page)
            {
                foreach (var step in steps[request.Id].OrderBy(e => e.Sequence))
                {
                    await writer.WriteAsync(format(request, step).AsMemory(), cancellationToken);
                }
            }

            if (page.Count < Page)
            {
                break;
            }
        }

        await writer.FlushAsync(cancellationToken);
    }

    private static string FormatCsv(WriteRequest request, WriteRequestEvent step) => string.Join(
        ',',
        request.Id.ToString("D"),
        request.SiteId.ToString("D"),
        request.AgentId.ToString("D"),
        CsvField(request.Tag),
        CsvField(request.Value),
        request.DataType,
        CsvField(request.Reason),
        CsvField(request.RequestedBy),
        Time(request.RequestedAt),
        step.Sequence.ToString(CultureInfo.InvariantCulture),
        step.Action,
        step.State.ToString(),
        CsvField(step.Actor),
        Time(step.At),
        CsvField(step.Detail ?? string.Empty)) + "\r\n";

    private static string FormatJsonLine(WriteRequest request, WriteRequestEvent step)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("requestId", request.Id);
            writer.WriteString("siteId", request.SiteId);
            writer.WriteString("agentId", request.AgentId);
            writer.WriteString("tag", request.Tag);
            writer.WriteString("value", request.Value);
            writer.WriteString("dataType", request.DataType);
            writer.WriteString("reason", request.Reason);
            writer.WriteString("requestedBy", request.RequestedBy);
            writer.WriteString("requestedAt", Time(request.RequestedAt));
            writer.WriteNumber("step", step.Sequence);
            writer.WriteString("action", step.Action);
            writer.WriteString("state", step.State.ToString());
            writer.WriteString("actor", step.Actor);
            writer.WriteString("at", Time(step.At));
            writer.WriteString("detail", step.Detail);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>Quotes per RFC 4180 and defuses spreadsheet formulas (a leading = + - @ gets a quote mark).</summary>
    private static string CsvField(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || value != value.Trim()
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }

    private static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
