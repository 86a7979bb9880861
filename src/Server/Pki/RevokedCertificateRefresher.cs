namespace Proxus.Server.Pki;

/// <summary>
/// Loads <see cref="RevokedCertificateSet"/> before the server accepts connections (it starts
/// after the migrations), then refreshes it every <see cref="Interval"/> to pick up revocations
/// made by other server nodes.
/// </summary>
internal sealed partial class RevokedCertificateRefresher(
    RevokedCertificateSet revoked,
    TimeProvider timeProvider,
    ILogger<RevokedCertificateRefresher> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await revoked.RefreshAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, timeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await revoked.RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRefreshFailed(logger, e, revoked.Count);
            }
        }
    }

    [LoggerMessage(EventId = 2003, Level = LogLevel.Error, Message = "Refreshing the revoked certificates failed; the handshake keeps the {Count} it knows, CONNECT still checks the database")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception, int count);
}
