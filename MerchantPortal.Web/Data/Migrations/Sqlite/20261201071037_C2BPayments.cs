using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MerchantPortal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class C2BPayments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "BillRef",
                table: "Transactions",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Channel",
                table: "Transactions",
                type: "TEXT",
                maxLength: 8,
                nullable: false,
                defaultValue: "stk");

            migrationBuilder.AddColumn<string>(
                name: "PayerName",
                table: "Transactions",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Source",
                table: "Transactions",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AccountCode",
                table: "PaymentLinks",
                type: "TEXT",
                maxLength: 12,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "CollectTotal",
                table: "PaymentLinks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PaidAt",
                table: "PaymentLinks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "C2BRegisteredAt",
                table: "PaymentAccounts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "C2BRegistrationAnswer",
                table: "PaymentAccounts",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "C2BRegistrationOk",
                table: "PaymentAccounts",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "C2BResponseType",
                table: "PaymentAccounts",
                type: "TEXT",
                maxLength: 10,
                nullable: false,
                defaultValue: "Completed");

            migrationBuilder.AddColumn<string>(
                name: "C2BToken",
                table: "PaymentAccounts",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "C2BValidation",
                table: "PaymentAccounts",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "PullCheckedUntil",
                table: "PaymentAccounts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "PullEnabled",
                table: "PaymentAccounts",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "PullNominatedNumber",
                table: "PaymentAccounts",
                type: "TEXT",
                maxLength: 12,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PullRegisteredAt",
                table: "PaymentAccounts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PullRegistrationAnswer",
                table: "PaymentAccounts",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "PullRegistrationOk",
                table: "PaymentAccounts",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "MenuPaymentIntents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MerchantId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PaymentAccountId = table.Column<long>(type: "INTEGER", nullable: false),
                    PaymentLinkId = table.Column<long>(type: "INTEGER", nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    TransactionId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MenuPaymentIntents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MenuPaymentIntents_AspNetUsers_MerchantId",
                        column: x => x.MerchantId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MenuPaymentIntents_PaymentAccounts_PaymentAccountId",
                        column: x => x.PaymentAccountId,
                        principalTable: "PaymentAccounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MenuPaymentIntents_PaymentLinks_PaymentLinkId",
                        column: x => x.PaymentLinkId,
                        principalTable: "PaymentLinks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MenuPaymentIntents_Transactions_TransactionId",
                        column: x => x.TransactionId,
                        principalTable: "Transactions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "StatementImports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PublicId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    MerchantId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PaymentAccountId = table.Column<long>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ImportedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PeriodStart = table.Column<long>(type: "INTEGER", nullable: true),
                    PeriodEnd = table.Column<long>(type: "INTEGER", nullable: true),
                    Lines = table.Column<int>(type: "INTEGER", nullable: false),
                    PaymentsIn = table.Column<int>(type: "INTEGER", nullable: false),
                    Matched = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatementImports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StatementImports_AspNetUsers_MerchantId",
                        column: x => x.MerchantId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_StatementImports_PaymentAccounts_PaymentAccountId",
                        column: x => x.PaymentAccountId,
                        principalTable: "PaymentAccounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "StatementExceptions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ImportId = table.Column<long>(type: "INTEGER", nullable: false),
                    MerchantId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Receipt = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    StatementAmount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    PortalAmount = table.Column<long>(type: "INTEGER", nullable: true),
                    OtherParty = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    AccountNumber = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    TransactionId = table.Column<long>(type: "INTEGER", nullable: true),
                    ResolvedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatementExceptions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StatementExceptions_StatementImports_ImportId",
                        column: x => x.ImportId,
                        principalTable: "StatementImports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_StatementExceptions_Transactions_TransactionId",
                        column: x => x.TransactionId,
                        principalTable: "Transactions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            // Links made before account codes existed get one each; unique per merchant because the id is.
            migrationBuilder.Sql("UPDATE \"PaymentLinks\" SET \"AccountCode\" = 'L' || \"Id\";");

            migrationBuilder.CreateIndex(
                name: "IX_Transactions_MerchantId_Channel_Id",
                table: "Transactions",
                columns: new[] { "MerchantId", "Channel", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_PaymentLinks_MerchantId_AccountCode",
                table: "PaymentLinks",
                columns: new[] { "MerchantId", "AccountCode" },
                unique: true,
                filter: "\"DeletedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_PaymentAccounts_C2BToken",
                table: "PaymentAccounts",
                column: "C2BToken",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MenuPaymentIntents_MerchantId",
                table: "MenuPaymentIntents",
                column: "MerchantId");

            migrationBuilder.CreateIndex(
                name: "IX_MenuPaymentIntents_PaymentAccountId_Amount_CreatedAt",
                table: "MenuPaymentIntents",
                columns: new[] { "PaymentAccountId", "Amount", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_MenuPaymentIntents_PaymentLinkId",
                table: "MenuPaymentIntents",
                column: "PaymentLinkId");

            migrationBuilder.CreateIndex(
                name: "IX_MenuPaymentIntents_TransactionId",
                table: "MenuPaymentIntents",
                column: "TransactionId");

            migrationBuilder.CreateIndex(
                name: "IX_StatementExceptions_ImportId_Kind_Id",
                table: "StatementExceptions",
                columns: new[] { "ImportId", "Kind", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_StatementExceptions_TransactionId",
                table: "StatementExceptions",
                column: "TransactionId");

            migrationBuilder.CreateIndex(
                name: "IX_StatementImports_MerchantId_Id",
                table: "StatementImports",
                columns: new[] { "MerchantId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_StatementImports_PaymentAccountId",
                table: "StatementImports",
                column: "PaymentAccountId");

            migrationBuilder.CreateIndex(
                name: "IX_StatementImports_PublicId",
                table: "StatementImports",
                column: "PublicId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MenuPaymentIntents");

            migrationBuilder.DropTable(
                name: "StatementExceptions");

            migrationBuilder.DropTable(
                name: "StatementImports");

            migrationBuilder.DropIndex(
                name: "IX_Transactions_MerchantId_Channel_Id",
                table: "Transactions");

            migrationBuilder.DropIndex(
                name: "IX_PaymentLinks_MerchantId_AccountCode",
                table: "PaymentLinks");

            migrationBuilder.DropIndex(
                name: "IX_PaymentAccounts_C2BToken",
                table: "PaymentAccounts");

            migrationBuilder.DropColumn(
                name: "BillRef",
                table: "Transactions");

            migrationBuilder.DropColumn(
                name: "Channel",
                table: "Transactions");

            migrationBuilder.DropColumn(
                name: "PayerName",
                table: "Transactions");

            migrationBuilder.DropColumn(
                name: "Source",
                table: "Transactions");

            migrationBuilder.DropColumn(
                name: "AccountCode",
                table: "PaymentLinks");

            migrationBuilder.DropColumn(
                name: "CollectTotal",
                table: "PaymentLinks");

            migrationBuilder.DropColumn(
                name: "PaidAt",
                table: "PaymentLinks");

            migrationBuilder.DropColumn(
                name: "C2BRegisteredAt",
                table: "PaymentAccounts");

            migrationBuilder.DropColumn(
                name: "C2BRegistrationAnswer",
                table: "PaymentAccounts");

            migrationBuilder.DropColumn(
                name: "C2BRegistrationOk",
                table: "PaymentAccounts");

            migrationBuilder.DropColumn(
                name: "C2BResponseType",
                table: "PaymentAccounts");

            migrationBuilder.DropColumn(
                name: "C2BToken",
                table: "PaymentAccounts");

            migrationBuilder.DropColumn(
                name: "C2BValidation",
                table: "PaymentAccounts");

            migrationBuilder.DropColumn(
                name: "PullCheckedUntil",
                table: "PaymentAccounts");

            migrationBuilder.DropColumn(
                name: "PullEnabled",
                table: "PaymentAccounts");

            migrationBuilder.DropColumn(
                name: "PullNominatedNumber",
                table: "PaymentAccounts");

            migrationBuilder.DropColumn(
                name: "PullRegisteredAt",
                table: "PaymentAccounts");

            migrationBuilder.DropColumn(
                name: "PullRegistrationAnswer",
                table: "PaymentAccounts");

            migrationBuilder.DropColumn(
                name: "PullRegistrationOk",
                table: "PaymentAccounts");
        }
    }
}
