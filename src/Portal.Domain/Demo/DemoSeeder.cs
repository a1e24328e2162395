using Microsoft.EntityFrameworkCore;
using Portal.Domain.Catalog;
using Portal.Domain.Common;
using Portal.Domain.OnCall;
using Portal.Domain.Persistence;
using Portal.Domain.Security;
using static Portal.Domain.Catalog.InteractionKind;

namespace Portal.Domain.Demo;

/// <summary>
/// Loads "Quill &amp; Ledger", a fictional B2B invoicing and payments company, so that a fresh Portal
/// has something worth looking at. The data is shaped to make every analysis light up at least once:
/// a synchronous cycle, a database shared across teams, a deep chain with a timeout inversion and
/// retry amplification, a single point of failure, unowned services and a team without members.
/// </summary>
public sealed class DemoSeeder(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider? clock = null)
{
    public const string CompanyName = "Quill & Ledger";

    private const string SourceLocation = "demo";
    private const string RepositoryBase = "https://github.example/quill-ledger/";

    // The first row doubles as the "already loaded" marker, so keep its name unusual enough not to
    // collide with a real organisation's team.
    private static readonly TeamRow[] Teams =
    [
        new("money-movement", "Money Movement", "product-area", null, "Everything that moves or records money: payments, the ledger, risk."),
        new("payments-core", "Payments Core", "team", "money-movement", "Card and bank payments, from intent to settlement."),
        new("ledger-recon", "Ledger & Reconciliation", "team", "money-movement", "The double-entry ledger, and proving it matches the bank."),
        new("risk-compliance", "Risk & Compliance", "team", "money-movement", "Fraud scoring, KYC, sanctions screening and disputes."),
        new("customer-experience", "Customer Experience", "product-area", null, "What merchants and their customers see and touch."),
        new("web-experience", "Web Experience", "team", "customer-experience", "The pay portal, the merchant dashboard and the design system."),
        new("billing-squad", "Billing", "team", "customer-experience", "Invoices, subscriptions and checkout."),
        new("data-insights", "Data & Insights", "team", "customer-experience", "Reporting for merchants. Formed last quarter; hiring."),
        new("platform-infra", "Platform", "team", null, "The edge, identity, messaging and the paved road every team builds on."),
    ];

    // data-insights is left without people on purpose: ownership health should flag it.
    private static readonly PersonRow[] People =
    [
        new("maren.holt", "Maren Holt", "money-movement", MembershipRole.Lead),
        new("ada.okafor", "Ada Okafor", "payments-core", MembershipRole.Lead),
        new("tomas.reyes", "Tomás Reyes", "payments-core"),
        new("priya.raman", "Priya Raman", "payments-core"),
        new("jonas.weber", "Jonas Weber", "payments-core"),
        new("lina.haddad", "Lina Haddad", "payments-core", Access: PortalRole.Viewer),
        new("kwame.mensah", "Kwame Mensah", "ledger-recon", MembershipRole.Lead),
        new("sofia.lindqvist", "Sofia Lindqvist", "ledger-recon"),
        new("rahul.desai", "Rahul Desai", "ledger-recon"),
        new("elena.petrova", "Elena Petrova", "ledger-recon"),
        new("yusuf.demir", "Yusuf Demir", "risk-compliance", MembershipRole.Lead),
        new("hana.sato", "Hana Sato", "risk-compliance"),
        new("mateo.silva", "Mateo Silva", "risk-compliance"),
        new("grace.nwosu", "Grace Nwosu", "risk-compliance", Access: PortalRole.Viewer),
        new("claire.dubois", "Claire Dubois", "customer-experience", MembershipRole.Lead),
        new("nikhil.batra", "Nikhil Batra", "web-experience", MembershipRole.Lead),
        new("zoe.kim", "Zoe Kim", "web-experience"),
        new("felix.brandt", "Felix Brandt", "web-experience"),
        new("amara.diallo", "Amara Diallo", "web-experience"),
        new("ben.okoro", "Ben Okoro", "web-experience", Access: PortalRole.Viewer),
        new("ines.carvalho", "Inês Carvalho", "billing-squad", MembershipRole.Lead),
        new("omar.farouk", "Omar Farouk", "billing-squad"),
        new("julia.novak", "Julia Novak", "billing-squad"),
        new("samuel.adeyemi", "Samuel Adeyemi", "billing-squad"),
        new("mei.chen", "Mei Chen", "billing-squad", Access: PortalRole.Viewer),
        new("erik.johansson", "Erik Johansson", "platform-infra", MembershipRole.Lead, PortalRole.Admin),
        new("fatima.zahra", "Fatima Zahra", "platform-infra", Access: PortalRole.Admin),
        new("diego.alvarez", "Diego Alvarez", "platform-infra"),
        new("noor.qureshi", "Noor Qureshi", "platform-infra"),
        new("lucas.moreau", "Lucas Moreau", "platform-infra"),
    ];

    // People embedded in a second team, as SREs and front-end developers often are.
    private static readonly (string Person, string Team)[] SecondTeams =
    [
        ("diego.alvarez", "payments-core"),
        ("julia.novak", "web-experience"),
    ];

    private static readonly (string Name, string Title, string Owner, string Description)[] Domains =
    [
        ("commerce", "Commerce", "customer-experience", "How merchants bill their customers and how those customers pay."),
        ("finance", "Finance Operations", "money-movement", "Moving, recording and safeguarding money; regulated, audited, tier 1 heavy."),
    ];

    private static readonly (string Name, string Title, string Domain, string Owner, string Description)[] Systems =
    [
        ("customer-web", "Customer Web", "commerce", "web-experience", "Front ends for merchants and for the people who pay them."),
        ("billing", "Billing & Invoicing", "commerce", "billing-squad", "Invoices, customers, subscriptions and the checkout that collects them."),
        ("platform-core", "Platform Core", "commerce", "platform-infra", "Edge, identity and messaging shared by every product."),
        ("payment-processing", "Payment Processing", "finance", "payments-core", "Payment intents, routing to acquirers and bank rails, payouts."),
        ("general-ledger", "General Ledger", "finance", "ledger-recon", "The books: journal entries, reconciliation, statements."),
        ("risk-engine", "Risk Engine", "finance", "risk-compliance", "Fraud, KYC, sanctions and disputes."),
    ];

    private static readonly ServiceRow[] Services =
    [
        new("api-gateway", "API Gateway", "platform-infra", "platform-core", 1, "edge gateway envoy",
            "Single entry point for the **public REST API** and the pay portal. Terminates TLS, checks tokens with `identity` and routes to backend services."),
        new("identity", "Identity & Access", "platform-infra", "platform-core", 1, "auth oauth security",
            "Issues and verifies **OAuth 2.0** tokens for merchants, their staff and API clients. Callers verify tokens with cached signing keys, so a short outage does not stop traffic."),
        new("notifications", "Notifications", "platform-infra", "platform-core", 2, "email sms messaging",
            "Sends e-mail and SMS on behalf of merchants:\n\n- invoice and reminder e-mails\n- payment receipts\n- payout notices"),
        new("webhook-dispatcher", "Webhook Dispatcher", "platform-infra", "platform-core", 2, "webhooks messaging",
            "Delivers signed webhooks to merchant endpoints, **at least once**, with exponential back-off for up to three days."),
        new("audit-trail", "Audit Trail", "platform-infra", "platform-core", 2, "audit compliance",
            "Append-only record of security-relevant events, kept for **seven years** for the regulator."),
        new("service-kit", "Service Kit", "platform-infra", "platform-core", 3, "library go observability",
            "Shared Go library: logging, tracing, health checks and an HTTP client with **timeouts and retries** preconfigured.", Kind: "library"),
        new("pay-portal", "Pay Portal", "web-experience", "customer-web", 1, "frontend payer nextjs",
            "Where a merchant's customers open an invoice link and **pay by card or bank transfer**. Every request goes through `api-gateway`.", Kind: "website"),
        new("merchant-dashboard", "Merchant Dashboard", "web-experience", "customer-web", 1, "frontend merchant react",
            "The web app merchants use every day to send invoices, track payments and download statements.", Kind: "website"),
        new("bff-dashboard", "Dashboard BFF", "web-experience", "customer-web", 2, "bff graphql merchant",
            "Backend-for-frontend of the merchant dashboard: gathers invoices, payments and reports behind **one GraphQL endpoint**."),
        new("marketing-site", "Marketing Site", "web-experience", "customer-web", 3, "frontend marketing",
            "Public website and the self-service sign-up flow.", Kind: "website"),
        new("ui-components", "UI Components", "web-experience", "customer-web", 3, "library design-system react",
            "The **Inkwell** design system: React components, tokens and icons shared by every front end.", Kind: "library"),
        new("checkout", "Checkout", "billing-squad", "billing", 1, "checkout payer",
            "Builds the payment session for an invoice (amount due, tax, accepted methods), hands it to `payment-orchestrator` and **waits for the result**."),
        new("invoices", "Invoices", "billing-squad", "billing", 1, "invoicing core",
            "System of record for **invoices**: drafts, numbering, sending, partial payments and credit notes."),
        new("customers", "Customers", "billing-squad", "billing", 2, "crm invoicing",
            "Merchants' customer records: billing addresses, tax ids and preferred payment methods."),
        new("subscriptions", "Subscriptions", "billing-squad", "billing", 2, "recurring billing",
            "Recurring plans that raise an invoice every period and collect it automatically when a card or mandate is on file."),
        new("payment-links", "Payment Links", "billing-squad", "billing", 2, "payer links",
            "Shareable **pay-by-link** URLs for one-off amounts, without a full invoice."),
        new("tax-calculator", "Tax Calculator", "billing-squad", "billing", 2, "tax vat",
            "Computes VAT and sales tax per line item. Callers fall back to the merchant's default rate when it is down."),
        new("invoice-pdf", "Invoice PDF Renderer", "billing-squad", "billing", 3, "pdf documents",
            "Renders invoices and credit notes to PDF from a queue and stores them in `invoice-documents`."),
        new("dunning", "Dunning & Reminders", "billing-squad", "billing", 3, "reminders collections",
            "Reminds customers of overdue invoices on the merchant's schedule:\n\n- a **gentle nudge** after 3 days\n- a firm reminder after 14 days\n- a final notice after 30 days"),
        new("legacy-invoice-renderer", "Legacy Invoice Renderer", null, "billing", 3, "pdf legacy php",
            "The **old** PHP renderer, replaced by `invoice-pdf` but still called by `statements`.", Lifecycle: Lifecycle.Deprecated),
        new("csv-importer", "CSV Customer Importer", null, "billing", 3, "import tooling",
            "Bulk-imports customers from spreadsheets during onboarding. Written in a hack week and **never handed over** to a team."),
        new("payments", "Payments", "payments-core", "payment-processing", 1, "payments core pci",
            "Owns the **payment intent** lifecycle: create, authorise, capture, void. Every money movement goes through it, and each one is posted to `ledger`."),
        new("payment-orchestrator", "Payment Orchestrator", "payments-core", "payment-processing", 1, "payments routing",
            "Chooses the acquirer or bank rail for each payment, asks `fraud-scoring` for a decision and retries **soft declines** on a second acquirer."),
        new("acquirer-adapter", "Acquirer Adapter", "payments-core", "payment-processing", 1, "cards pci acquirer",
            "Speaks ISO 8583 and the REST dialects of our two card acquirers. Runs in the **PCI zone**."),
        new("bank-transfers", "Bank Transfers", "payments-core", "payment-processing", 2, "ach sepa bank",
            "Initiates and tracks **SEPA** and **ACH** transfers, and reads settlement files from partner banks."),
        new("refunds", "Refunds", "payments-core", "payment-processing", 2, "payments refunds",
            "Full and partial refunds, including to another method when the original card has expired."),
        new("fx-rates", "FX Rates", "payments-core", "payment-processing", 2, "fx currency",
            "Daily and intraday exchange rates. Callers use the **last known rate** when it does not answer."),
        new("payouts", "Payouts", "payments-core", "payment-processing", 1, "payouts treasury",
            "Pays collected funds out to merchants' bank accounts on their schedule, after KYC and sanctions checks."),
        new("instant-payouts", "Instant Payouts", "payments-core", "payment-processing", 3, "payouts beta",
            "**Beta**: payouts within minutes over instant rails, for a handful of pilot merchants.", Lifecycle: Lifecycle.Experimental),
        new("soap-bank-connector", "SOAP Bank Connector", "payments-core", "payment-processing", 3, "bank legacy soap",
            "SOAP bridge to Northwind Savings' old transfer API. **Deprecated**: goes away once the bank certifies us on its REST API.", Lifecycle: Lifecycle.Deprecated),
        new("ledger", "Ledger", "ledger-recon", "general-ledger", 1, "ledger accounting core",
            "The **double-entry ledger**: every payment, refund, fee and payout becomes balanced journal entries. Immutable; corrections are new entries."),
        new("reconciliation", "Reconciliation", "ledger-recon", "general-ledger", 2, "reconciliation bank",
            "Matches bank settlement lines against the ledger every night and marks payments as settled **directly in `payments-db`**."),
        new("statements", "Statements", "ledger-recon", "general-ledger", 3, "statements documents",
            "Monthly account statements for merchants, as PDF and CSV."),
        new("accounting-sync", "Accounting Sync", "ledger-recon", "general-ledger", 3, "integrations accounting",
            "Pushes journal entries to merchants' accounting software:\n\n- Tallybook\n- Ledgerly\n- CountWise"),
        new("smart-matching", "Smart Matching", "ledger-recon", "general-ledger", 3, "reconciliation ml",
            "**Experiment**: suggests matches for bank lines the rules in `reconciliation` cannot pair.", Lifecycle: Lifecycle.Experimental),
        new("reporting", "Reporting", "data-insights", "general-ledger", 3, "reporting analytics",
            "Revenue, fee and payout reports for the merchant dashboard, read from a replica of `payments-db`."),
        new("fraud-scoring", "Fraud Scoring", "risk-compliance", "risk-engine", 1, "fraud ml risk",
            "Scores each payment in under **100 ms**. Low-value payments are approved without a score when it does not answer in time."),
        new("kyc-verification", "KYC Verification", "risk-compliance", "risk-engine", 2, "kyc onboarding compliance",
            "Identity and business verification of merchants before their first payout."),
        new("sanctions-screening", "Sanctions Screening", "risk-compliance", "risk-engine", 2, "sanctions compliance",
            "Screens payout beneficiaries against sanctions lists; a **hit blocks** the payout until a person reviews it."),
        new("disputes", "Disputes", "risk-compliance", "risk-engine", 2, "chargebacks risk",
            "Chargebacks end to end: evidence, deadlines, and the accounting when one is lost."),
    ];

    private static readonly (string Name, ResourceType Type, string Title, string Owner, string System, string Description)[] Resources =
    [
        ("payments-db", ResourceType.Database, "Payments DB", "payments-core", "payment-processing", "PostgreSQL 16: payment intents, captures and refunds."),
        ("ledger-db", ResourceType.Database, "Ledger DB", "ledger-recon", "general-ledger", "PostgreSQL 16 with append-only journal tables."),
        ("billing-db", ResourceType.Database, "Billing DB", "billing-squad", "billing", "PostgreSQL 15: invoices and credit notes."),
        ("session-cache", ResourceType.Cache, "Session Cache", "web-experience", "customer-web", "Redis 7 holding sessions of the pay portal and the dashboard."),
        ("payment-events", ResourceType.Topic, "Payment Events", "payments-core", "payment-processing", "Kafka topic `payments.v1.events`, 30 days retention."),
        ("ledger-postings", ResourceType.Queue, "Ledger Postings", "ledger-recon", "general-ledger", "SQS FIFO queue of postings the ledger applies in order."),
        ("notification-jobs", ResourceType.Queue, "Notification Jobs", "platform-infra", "platform-core", "RabbitMQ queue of e-mails and SMS waiting to be sent."),
        ("invoice-documents", ResourceType.Bucket, "Invoice Documents", "billing-squad", "billing", "S3 bucket of rendered PDFs, kept ten years."),
    ];

    // The provider's team and system own the API; consumers are space-separated service names.
    private static readonly (string Name, string Type, string Title, string Provider, string Consumers)[] Apis =
    [
        ("public-api", "openapi", "Public REST API", "api-gateway", "pay-portal marketing-site"),
        ("identity-oauth", "openapi", "Identity OAuth 2.0", "identity", "api-gateway merchant-dashboard bff-dashboard"),
        ("invoices-api", "openapi", "Invoices API", "invoices", "api-gateway checkout payment-links bff-dashboard subscriptions"),
        ("payments-api", "openapi", "Payments API", "payments", "payment-orchestrator invoices payouts refunds payment-links subscriptions disputes bff-dashboard"),
        ("ledger-grpc", "grpc", "Ledger gRPC", "ledger", "payments refunds statements reconciliation"),
        ("fraud-scoring-grpc", "grpc", "Fraud Scoring gRPC", "fraud-scoring", "payment-orchestrator"),
        ("payment-lifecycle-events", "asyncapi", "Payment Lifecycle Events", "payments", "ledger notifications"),
    ];

    // Events point from subscriber to publisher, queues from producer to consumer: either way the
    // arrow goes from the service that needs the other one. Omitted timeouts mean "nobody knows".
    private static readonly Edge[] ServiceEdges =
    [
        // The long chain: the portal gives up after 3 s while the hops below may take 8 s, and
        // three retries on each of five hops can turn one click into 4^5 calls to the ledger.
        new("pay-portal", "api-gateway", SyncHttp, 3000, 3),
        new("api-gateway", "checkout", SyncHttp, 2500, 3),
        new("checkout", "payment-orchestrator", SyncHttp, 2000, 3, Guard.Backoff),
        new("payment-orchestrator", "payments", SyncHttp, 2000, 3, Guard.Backoff | Guard.Breaker),
        new("payments", "ledger", SyncGrpc, 1500, 3, Guard.Backoff),

        // The cycle: each call made sense on its own when it was added.
        new("invoices", "customers", SyncHttp, 800, 1, Guard.Backoff | Guard.Breaker),
        new("customers", "subscriptions", SyncHttp, 800, 1, Guard.Backoff),
        new("subscriptions", "invoices", SyncHttp, 1000, 2, Guard.Backoff | Guard.Breaker),

        // Everyone needs payments, and nobody has a plan for when it is down.
        new("invoices", "payments", SyncHttp, 2000, 2, Guard.Backoff | Guard.Breaker),
        new("payouts", "payments", SyncHttp, 1500, 2, Guard.Backoff),
        new("refunds", "payments", SyncHttp, 1500, 1, Guard.Backoff | Guard.Breaker),
        new("payment-links", "payments", SyncHttp, 2000, 2, Guard.Backoff),
        new("subscriptions", "payments", SyncHttp, 2000, 2, Guard.Backoff | Guard.Breaker),
        new("disputes", "payments", SyncHttp, 3000, 1, Guard.Backoff),
        new("bff-dashboard", "payments", SyncHttp, 1500, 1, Guard.Backoff | Guard.Breaker | Guard.Bulkhead),

        // Identity is called as often, but callers degrade gracefully: the contrast is the point.
        new("api-gateway", "identity", SyncGrpc, 300, 1, Guard.Backoff | Guard.Breaker | Guard.Fallback | Guard.Bulkhead),
        new("merchant-dashboard", "identity", SyncHttp, 500, 1, Guard.Backoff | Guard.Fallback),
        new("bff-dashboard", "identity", SyncGrpc, 300, 1, Guard.Backoff | Guard.Breaker | Guard.Fallback),
        new("api-gateway", "invoices", SyncHttp, 2000, 2, Guard.Backoff | Guard.Breaker | Guard.Bulkhead),
        new("api-gateway", "payment-links", SyncHttp, 2000, 1, Guard.Backoff | Guard.Breaker | Guard.Bulkhead),
        new("marketing-site", "api-gateway", SyncHttp, 5000, 0, Guard.Fallback),
        new("merchant-dashboard", "bff-dashboard", SyncHttp, 8000, 0),
        new("bff-dashboard", "invoices", SyncHttp, 1500, 1, Guard.Backoff | Guard.Breaker | Guard.Fallback | Guard.Bulkhead),
        new("bff-dashboard", "reporting", SyncHttp, 3000, 0, Guard.Breaker | Guard.Fallback | Guard.Bulkhead),
        new("checkout", "invoices", SyncHttp, 1000, 2, Guard.Backoff | Guard.Breaker),
        new("checkout", "tax-calculator", SyncHttp, 800, 1, Guard.Backoff | Guard.Breaker | Guard.Fallback),
        new("invoices", "tax-calculator", SyncHttp, 800, 1, Guard.Backoff | Guard.Breaker | Guard.Fallback),
        new("payment-links", "invoices", SyncHttp, 1000, 1, Guard.Backoff),
        new("csv-importer", "customers", SyncHttp),
        new("statements", "legacy-invoice-renderer", SyncHttp),
        new("payment-orchestrator", "fraud-scoring", SyncGrpc, 250, 0, Guard.Breaker | Guard.Fallback | Guard.Bulkhead),
        new("payment-orchestrator", "acquirer-adapter", SyncHttp, 5000, 1, Guard.Backoff | Guard.Breaker | Guard.Bulkhead),
        new("payment-orchestrator", "bank-transfers", SyncHttp, 3000, 1, Guard.Backoff | Guard.Breaker),
        new("payments", "fx-rates", SyncHttp, 500, 2, Guard.Backoff | Guard.Breaker | Guard.Fallback),
        new("refunds", "ledger", SyncGrpc, 1500, 2, Guard.Backoff),
        new("payouts", "bank-transfers", SyncHttp, 5000, 2, Guard.Backoff | Guard.Breaker | Guard.Bulkhead),
        new("payouts", "sanctions-screening", SyncHttp, 2000, 1, Guard.Backoff),
        new("payouts", "kyc-verification", SyncHttp, 1000, 1, Guard.Backoff | Guard.Breaker),
        new("kyc-verification", "sanctions-screening", SyncHttp, 2000, 1, Guard.Backoff),
        new("bank-transfers", "soap-bank-connector", SyncHttp, 10_000, 0),
        new("instant-payouts", "payouts", SyncHttp, 1000, 0),
        new("statements", "ledger", SyncGrpc, 2000, 1, Guard.Backoff),
        new("reconciliation", "ledger", SyncGrpc, 3000, 2, Guard.Backoff),
        new("reconciliation", "smart-matching", SyncHttp),

        new("accounting-sync", "ledger", AsyncEvent),
        new("dunning", "invoices", AsyncEvent),
        new("reconciliation", "bank-transfers", AsyncEvent),
        new("reporting", "invoices", AsyncEvent),
        new("invoices", "notifications", AsyncQueue),
        new("dunning", "notifications", AsyncQueue),
        new("payouts", "notifications", AsyncQueue),
        new("invoices", "invoice-pdf", AsyncQueue),
        new("invoices", "webhook-dispatcher", AsyncQueue),
        new("payments", "webhook-dispatcher", AsyncQueue),
        new("identity", "audit-trail", AsyncQueue),
    ];

    private static readonly (string Service, string Resource, ResourceAccess Access)[] ResourceEdges =
    [
        // payments-db is shared: two other teams write to it behind payments-core's back.
        ("payments", "payments-db", ResourceAccess.ReadWrite),
        ("refunds", "payments-db", ResourceAccess.ReadWrite),
        ("reconciliation", "payments-db", ResourceAccess.Write),
        ("disputes", "payments-db", ResourceAccess.Write),
        ("reporting", "payments-db", ResourceAccess.Read),
        ("ledger", "ledger-db", ResourceAccess.ReadWrite),
        ("statements", "ledger-db", ResourceAccess.Read),
        ("invoices", "billing-db", ResourceAccess.ReadWrite),
        ("dunning", "billing-db", ResourceAccess.Read),
        ("pay-portal", "session-cache", ResourceAccess.ReadWrite),
        ("bff-dashboard", "session-cache", ResourceAccess.ReadWrite),
        ("payments", "payment-events", ResourceAccess.Write),
        ("ledger", "payment-events", ResourceAccess.Read),
        ("notifications", "payment-events", ResourceAccess.Read),
        ("payouts", "ledger-postings", ResourceAccess.Write),
        ("ledger", "ledger-postings", ResourceAccess.Read),
        ("notifications", "notification-jobs", ResourceAccess.ReadWrite),
        ("invoice-pdf", "invoice-documents", ResourceAccess.Write),
    ];

    /// <summary>Loads the demo company unless its first team is already there.</summary>
    public async Task<DemoSeedResult> SeedAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var marker = Teams[0].Name;
        if (await db.Teams.AnyAsync(t => t.Namespace == CatalogName.DefaultNamespace && t.Name == marker, ct))
        {
            return new DemoSeedResult(true, 0, 0, 0, 0, 0, 0, 0, 0);
        }

        var teams = new Dictionary<string, Team>(StringComparer.Ordinal);
        foreach (var row in Teams)
        {
            var team = new Team(row.Name, row.Title);
            team.SetType(row.Type);
            team.Describe(row.Title, row.Mission);
            team.SetContact($"#{row.Name}", $"{row.Name}@example.com");
            team.SetParent(row.Parent is null ? null : teams[row.Parent]);
            team.RecordSource(DataSource.Demo, SourceLocation);
            teams.Add(row.Name, team);
        }

        var people = new Dictionary<string, Person>(StringComparer.Ordinal);
        foreach (var (row, index) in People.Select((row, index) => (row, index)))
        {
            var person = new Person(row.Name, row.DisplayName, $"{row.Name}@example.com");
            person.SetPhone(DemoPhone(index));
            person.SetRole(row.Access);
            person.RecordSource(DataSource.Demo, SourceLocation);
            teams[row.Team].AddMember(person, row.Role);
            people.Add(row.Name, person);
        }

        foreach (var (person, team) in SecondTeams)
        {
            teams[team].AddMember(people[person]);
        }

        var domains = new Dictionary<string, BusinessDomain>(StringComparer.Ordinal);
        foreach (var (name, title, owner, description) in Domains)
        {
            var domain = new BusinessDomain(name, title);
            domain.Describe(title, description);
            domain.AssignOwner(teams[owner]);
            domain.RecordSource(DataSource.Demo, SourceLocation);
            domains.Add(name, domain);
        }

        var systems = new Dictionary<string, SoftwareSystem>(StringComparer.Ordinal);
        foreach (var (name, title, domain, owner, description) in Systems)
        {
            var system = new SoftwareSystem(name, title);
            system.Describe(title, description);
            system.PlaceInDomain(domains[domain]);
            system.AssignOwner(teams[owner]);
            system.RecordSource(DataSource.Demo, SourceLocation);
            systems.Add(name, system);
        }

        var services = new Dictionary<string, Service>(StringComparer.Ordinal);
        foreach (var row in Services)
        {
            var service = new Service(row.Name, row.Title);
            service.Describe(row.Title, row.Description);
            service.SetKind(row.Kind);
            service.SetTier(row.Tier);
            service.SetLifecycle(row.Lifecycle);
            service.AssignOwner(row.Team is null ? null : teams[row.Team]);
            service.PlaceInSystem(systems[row.System]);
            service.SetTags(row.Tags.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            service.SetLinks(LinksFor(row));
            service.SetRepository(RepositoryBase + row.Name);
            service.RecordSource(DataSource.Demo, SourceLocation);
            services.Add(row.Name, service);
        }

        var resources = new Dictionary<string, Resource>(StringComparer.Ordinal);
        foreach (var (name, type, title, owner, system, description) in Resources)
        {
            var resource = new Resource(name, type, title);
            resource.Describe(title, description);
            resource.AssignOwner(teams[owner]);
            resource.PlaceInSystem(systems[system]);
            resource.RecordSource(DataSource.Demo, SourceLocation);
            resources.Add(name, resource);
        }

        var apis = new List<Api>();
        foreach (var (name, type, title, provider, consumers) in Apis)
        {
            var providedBy = services[provider];
            var api = new Api(name, type, title);
            api.Describe(title, $"Provided by `{provider}`.");
            api.SetDefinition(DefinitionStub(name, type, title));
            api.AssignOwner(providedBy.OwnerTeam);
            api.PlaceInSystem(providedBy.System);
            api.RecordSource(DataSource.Demo, SourceLocation);
            apis.Add(api);
            db.ServiceApis.Add(new ServiceApi(providedBy, api, ApiRelation.Provides));
            foreach (var consumer in consumers.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                db.ServiceApis.Add(new ServiceApi(services[consumer], api, ApiRelation.Consumes));
            }
        }

        var dependencies = new List<Dependency>();
        foreach (var edge in ServiceEdges)
        {
            var dependency = Dependency.ToService(services[edge.From], services[edge.To], edge.Kind, DataSource.Demo);
            if (edge.TimeoutMs is not null)
            {
                dependency.SetResilience(
                    edge.TimeoutMs,
                    edge.Retries,
                    edge.Guards.HasFlag(Guard.Backoff),
                    edge.Guards.HasFlag(Guard.Breaker),
                    edge.Guards.HasFlag(Guard.Fallback),
                    edge.Guards.HasFlag(Guard.Bulkhead));
            }

            dependencies.Add(dependency);
        }

        foreach (var (service, resourceName, access) in ResourceEdges)
        {
            var resource = resources[resourceName];
            var dependency = Dependency.ToResource(services[service], resource, access, DataSource.Demo);

            // Topics and queues are messaging, not a shared database; saying so keeps the
            // shared-database finding about databases.
            if (resource.Type is ResourceType.Topic or ResourceType.Queue)
            {
                dependency.SetKind(resource.Type == ResourceType.Topic ? AsyncEvent : AsyncQueue);
            }

            dependencies.Add(dependency);
        }

        // data-insights is hiring: platform carries its pager, which ownership health should flag.
        services["reporting"].AssignOnCall(teams["platform-infra"]);
        var rotations = Rotations(teams, people, (clock ?? TimeProvider.System).GetUtcNow());

        db.Teams.AddRange(teams.Values);
        db.People.AddRange(people.Values);
        db.OnCallRotations.AddRange(rotations);
        db.Domains.AddRange(domains.Values);
        db.Systems.AddRange(systems.Values);
        db.Services.AddRange(services.Values);
        db.Resources.AddRange(resources.Values);
        db.Apis.AddRange(apis);
        db.Dependencies.AddRange(dependencies);
        DemoAssessments.Add(db, services, people, (clock ?? TimeProvider.System).GetUtcNow().UtcDateTime);

        // One SaveChanges is one transaction: a half-loaded demo would pass the marker check above
        // and could never be completed. A name clash with existing data fails the whole load.
        await db.SaveChangesAsync(ct);

        return new DemoSeedResult(
            false, teams.Count, people.Count, services.Count, systems.Count, domains.Count, resources.Count, apis.Count, dependencies.Count);
    }

    /// <summary>
    /// A weekly rotation for every team, starting a few weeks ago so the calendar has history and a
    /// future. Payments Core also has a secondary level, a PagerDuty link and one override; the empty
    /// Data &amp; Insights team gets an empty rotation, which shows as a warning.
    /// </summary>
    private static List<OnCallRotation> Rotations(Dictionary<string, Team> teams, Dictionary<string, Person> people, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var start = today.AddDays(-56 - ((int)today.DayOfWeek + 6) % 7);
        var rotations = new List<OnCallRotation>();
        foreach (var row in Teams)
        {
            var zone = row.Parent == "customer-experience" || row.Name == "customer-experience" ? "America/New_York"
                : row.Name == "platform-infra" ? "Europe/London" : "Europe/Berlin";
            var members = People.Where(p => p.Team == row.Name).Select(p => people[p.Name])
                .Concat(SecondTeams.Where(x => x.Team == row.Name).Select(x => people[x.Person])).ToList();
            var primary = OnCallRotation.Create(teams[row.Name], OnCallLevel.Primary, $"{row.Title} primary", 1, ShiftUnit.Weeks, new TimeOnly(9, 0), zone, start);
            primary.SetParticipants(members);
            rotations.Add(primary);

            if (row.Name == "payments-core")
            {
                primary.LinkExternalSchedule(ExternalScheduleProvider.PagerDuty, "PQ7Z1LD");
                var secondary = OnCallRotation.Create(teams[row.Name], OnCallLevel.Secondary, $"{row.Title} secondary", 1, ShiftUnit.Weeks, new TimeOnly(9, 0), zone, start);
                secondary.SetParticipants(Enumerable.Reverse(members));
                rotations.Add(secondary);

                // Tomás is at a wedding; Diego, the embedded SRE, covers the weekend.
                var from = now.UtcDateTime.Date.AddDays(1).AddHours(16);
                primary.AddOverride(people["diego.alvarez"], from, from.AddDays(2));
            }
        }

        return rotations;
    }

    private static IEnumerable<ServiceLink> LinksFor(ServiceRow row)
    {
        yield return new ServiceLink($"https://example.com/docs/{row.Name}", "Documentation", "docs");

        // Nobody writes a runbook for something nobody owns; the gap should show on its scorecard.
        if (row.Team is null || row.Kind == "library")
        {
            yield break;
        }

        yield return new ServiceLink($"https://example.com/runbooks/{row.Name}", "Runbook", "runbook");
        if (row.Tier == 1)
        {
            yield return new ServiceLink($"https://example.com/dashboards/{row.Name}", "Dashboard", "dashboard");
        }
    }

    // Just enough of a definition for the API page to have something to render.
    private static string DefinitionStub(string name, string type, string title) => type switch
    {
        "grpc" => $"syntax = \"proto3\";\n\npackage quill.{name.Replace('-', '_')}.v1;\n\n// {title}\nservice {string.Concat(name.Split('-').Select(p => char.ToUpperInvariant(p[0]) + p[1..]))} {{}}\n",
        "asyncapi" => $"asyncapi: 3.0.0\ninfo:\n  title: {title}\n  version: 1.0.0\nchannels: {{}}\n",
        _ => $"openapi: 3.1.0\ninfo:\n  title: {title}\n  version: 1.0.0\npaths: {{}}\n",
    };

    private sealed record TeamRow(string Name, string Title, string Type, string? Parent, string Mission);

    /// <summary>Numbers from the UK range set aside for drama (020 7946 0000–0999), so no real phone rings.</summary>
    private static string DemoPhone(int index) => $"+44 20 7946 {index % 1000:0000}";

    private sealed record PersonRow(string Name, string DisplayName, string Team, MembershipRole Role = MembershipRole.Member, PortalRole Access = PortalRole.Editor);

    private sealed record ServiceRow(
        string Name, string Title, string? Team, string System, int Tier, string Tags, string Description, string Kind = "service", Lifecycle Lifecycle = Lifecycle.Production);

    /// <summary>A service-to-service edge; no timeout means its resilience is unknown.</summary>
    private sealed record Edge(string From, string To, InteractionKind Kind, int? TimeoutMs = null, int? Retries = null, Guard Guards = Guard.None);

    [Flags]
    private enum Guard
    {
        None = 0,
        Backoff = 1,
        Breaker = 2,
        Fallback = 4,
        Bulkhead = 8,
    }
}

/// <summary>What <see cref="DemoSeeder.SeedAsync"/> did: counts of what it added, or that the demo was already there.</summary>
public sealed record DemoSeedResult(
    bool AlreadyLoaded, int Teams, int People, int Services, int Systems, int Domains, int Resources, int Apis, int Dependencies);
