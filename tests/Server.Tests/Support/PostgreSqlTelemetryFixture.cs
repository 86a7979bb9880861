namespace Proxus.Server.Tests.Support;

public sealed class PostgreSqlTelemetryFixture(PostgresFixture postgres) : TelemetryFixture(new PostgreSqlTrustFixture(postgres));
