function exceptionText(err,signal){if(signal.aborted)throw err;return err instanceof Error?err.message:String(err)}export{exceptionText as e};
