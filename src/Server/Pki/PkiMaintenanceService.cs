namespace Proxus.Server.Pki;

/// <summary>Hourly: renews the server certificate when due and keeps the published CRL fresh.</summary>
internal sealed partial class PkiMaintenanceService(
    CertificateAuthority authority,
    RevocationListPublisher revocationLists,
    TimeProvider timeProvider,
    ILogger<PkiMaintenanceService> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, timeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await authority.RenewServerCertificateIfDueAsync(stoppingToken);
                await revocationLists.GetCurrentAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogMaintenanceFailed(logger, e);
            }
        }
    }

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "PKI maintenance failed; retrying in an hour")]
    private static partial void LogMaintenanceFailed(ILogger logger, Exception exception);
}
