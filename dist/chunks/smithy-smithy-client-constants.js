const SENSITIVE_STRING="***SensitiveInformation***";export{SENSITIVE_STRING as S};
