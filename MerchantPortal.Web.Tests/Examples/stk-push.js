// Verbatim from the API document ("JavaScript Example - STK Push"). Tests substitute only the base URL
// and the placeholder API key; nothing else may change.
// Function to initiate STK push
async function initiateSTKPush(apiKey, phone, amount) {
try {
const formData = new FormData();
formData.append('action', 'api_stk');
formData.append('api_key', apiKey);
formData.append('phone', phone);
formData.append('amount', amount);
formData.append('payment_id', '#00002'); // optional: target a specific payment account
const response = await fetch('https://yourdomain.com/index.php', {
method: 'POST',
body: formData
});
const result = await response.json();
if (result.status === 'ok') {
console.log('STK push initiated successfully');
return result;
} else {
throw new Error(result.message);
}
} catch (error) {
console.error('Error initiating STK push:', error);
throw error;
}
}
// Usage
initiateSTKPush('sk_your_api_key_here', '0712345678', 100)
.then(result => {
// Handle success
})
.catch(error => {
// Handle error
});
