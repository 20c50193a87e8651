using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MerchantPortal.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TransactionFilterIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Transactions_MerchantId_CreatedAt",
                table: "Transactions",
                columns: new[] { "MerchantId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Transactions_MerchantId_LinkPublicId_Id",
                table: "Transactions",
                columns: new[] { "MerchantId", "LinkPublicId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Transactions_MerchantId_PaymentId_Id",
                table: "Transactions",
                columns: new[] { "MerchantId", "PaymentId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Transactions_MerchantId_Phone_Id",
                table: "Transactions",
                columns: new[] { "MerchantId", "Phone", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Transactions_MerchantId_CreatedAt",
                table: "Transactions");

            migrationBuilder.DropIndex(
                name: "IX_Transactions_MerchantId_LinkPublicId_Id",
                table: "Transactions");

            migrationBuilder.DropIndex(
                name: "IX_Transactions_MerchantId_PaymentId_Id",
                table: "Transactions");

            migrationBuilder.DropIndex(
                name: "IX_Transactions_MerchantId_Phone_Id",
                table: "Transactions");
        }
    }
}
