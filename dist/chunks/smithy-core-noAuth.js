class NoAuthSigner{async sign(httpRequest,identity,signingProperties){return httpRequest}}export{NoAuthSigner as N};
