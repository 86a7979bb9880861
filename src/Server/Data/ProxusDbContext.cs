using System.Text;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Proxus.Server.Audit;
using Proxus.Server.Configuration;
using Proxus.Server.Enrollment;
using Proxus.Server.Fleet;
using Proxus.Server.Identity;
using Proxus.Server.Monitoring;
using Proxus.Server.Pki;
using Proxus.Server.Writes;

namespace Proxus.Server.Data;

/// <summary>
/// The server's one model, shared by both providers. The schema is not created by EF: it comes
/// from the reviewed SQL migrations (<see cref="Migrations.DatabaseMigrator"/>), and a test proves
/// that the two agree on both providers. ASP.NET Core Identity's users and roles live in it too
/// (tables <c>users</c>, <c>roles</c>, <c>user_*</c>), so that an identity change and its audit
/// entry commit in one transaction.
/// </summary>
public sealed class ProxusDbContext(DbContextOptions<ProxusDbContext> options) : IdentityDbContext<ProxusUser, ProxusRole, Guid>(options)
{
    public DbSet<Site> Sites => Set<Site>();

    public DbSet<Agent> Agents => Set<Agent>();

    public DbSet<PkiCredential> PkiCredentials => Set<PkiCredential>();

    public DbSet<IssuedCertificate> IssuedCertificates => Set<IssuedCertificate>();

    public DbSet<RevocationList> RevocationLists => Set<RevocationList>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<EnrollmentToken> EnrollmentTokens => Set<EnrollmentToken>();

    public DbSet<UserSite> UserSites => Set<UserSite>();

    public DbSet<MachineClient> MachineClients => Set<MachineClient>();

    public DbSet<SiteNamespace> SiteNamespaces => Set<SiteNamespace>();

    public DbSet<TagMapVersion> TagMapVersions => Set<TagMapVersion>();

    public DbSet<AgentConfigEnvelope> AgentConfigEnvelopes => Set<AgentConfigEnvelope>();

    public DbSet<AgentConfigState> AgentConfigStates => Set<AgentConfigState>();

    public DbSet<SiteWriteSettings> SiteWriteSettings => Set<SiteWriteSettings>();

    public DbSet<WriteRequest> WriteRequests => Set<WriteRequest>();

    public DbSet<WriteRequestEvent> WriteRequestEvents => Set<WriteRequestEvent>();

    public DbSet<Alert> Alerts => Set<Alert>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcMicrosecondsConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ProxusDbContext).Assembly);
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(ToSnakeCase(property.Name));
            }
        }
    }

    /// <summary><c>CreatedAt</c> -> <c>created_at</c>: the column names the SQL migrations use.</summary>
    internal static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1]))))
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
